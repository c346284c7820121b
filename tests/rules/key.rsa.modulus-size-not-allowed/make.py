"""Cases for key.rsa.modulus-size-not-allowed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", g.good(k=g.key("rsa4096")))
w("pass-rsa3072.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"]))
w("pass-p256.pem", g.good(k=g.key("p256")))
w("error-rsa1024.pem", g.good(k=g.key("rsa1024")))
w("error-rsa3000.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3000"]))
w("error-rsa8192.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:8192"]))
