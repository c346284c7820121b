"""Cases for key.algorithm-not-allowed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-p256.pem", g.good(k=g.key("p256")))
k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
# An id-RSASSA-PSS key (BR 7.1.3.1 allows only rsaEncryption for RSA).
w("error-rsassa-pss-key.pem", s.sign_pss(k, s.tbs(s.pss_key_spki(k))))
# An unknown key algorithm OID around the RSA key.
odd = s.rsa_spki(n, e, alg=g.seq(g.oid("1.3.6.1.4.1.99999.4"), g.null()))
w("error-unknown-oid.pem", s.sign_rsa(k, s.tbs(odd)))
# An X25519 key cannot sign; the request is signed by the RSA key.
x = s.x25519.X25519PrivateKey.generate()
w("error-x25519.pem", s.sign_rsa(k, s.tbs(g.spki(x))))
