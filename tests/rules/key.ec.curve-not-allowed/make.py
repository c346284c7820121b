"""Cases for key.ec.curve-not-allowed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-p256.pem", g.good(k=g.key("p256")))
w("pass-p384.pem", g.good(k=g.key("p384"), hash_name="sha384"))
w("pass-p521.pem", s.good_with(s.new_ec(s.ec.SECP521R1()), "sha512"))
w("pass-rsa.pem", g.good())
w("error-secp256k1.pem", s.good_with(s.new_ec(s.ec.SECP256K1())))
w("error-p224.pem", s.good_with(s.new_ec(s.ec.SECP224R1())))
w("error-brainpool256.pem", s.good_with(s.new_ec(s.ec.BrainpoolP256R1())))
w("error-p192.pem", s.openssl_req(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-192"]))
# An unknown curve OID around a P-256 point.
k = g.key("p256")
point = g.spki(k)[-65:]
odd = g.seq(g.seq(g.oid("1.2.840.10045.2.1"), g.oid("1.3.6.1.4.1.99999.3")), g.bits(point))
w("error-unknown-curve.pem", s.sign_ecdsa(k, s.tbs(odd)))
