"""Cases for sig.key-mismatch. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-p256.pem", g.good(k=g.key("p256")))
# An RSA key with an ECDSA signature algorithm.
w("error-rsa-key-ecdsa-alg.pem", g.good(sigalg=g.seq(g.oid("1.2.840.10045.4.3.2"))))
# A P-256 key with sha256WithRSAEncryption.
w("error-ec-key-rsa-alg.pem", g.good(k=g.key("p256"),
                                     sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"), g.null())))
# An id-RSASSA-PSS key signing with PKCS#1 v1.5 (RFC 4055 1.2 forbids it).
k = g.key("rsa2048")
w("error-pss-key-pkcs1.pem", s.sign_rsa(k, s.tbs(s.pss_key_spki(k))))
