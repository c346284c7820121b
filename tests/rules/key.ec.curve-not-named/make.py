"""Cases for key.ec.curve-not-named. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-p256.pem", g.good(k=g.key("p256")))
w("pass-rsa.pem", g.good())
w("error-explicit.pem", s.openssl_req(["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                                       "-pkeyopt", "ec_param_enc:explicit"]))
k = g.key("p256")
point = g.spki(k)[-65:]
alg = g.oid("1.2.840.10045.2.1")
w("error-implicit-null.pem", s.sign_ecdsa(k, s.tbs(g.seq(g.seq(alg, g.null()), g.bits(point)))))
w("error-absent.pem", s.sign_ecdsa(k, s.tbs(g.seq(g.seq(alg), g.bits(point)))))
