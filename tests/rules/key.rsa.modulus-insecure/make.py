"""Cases for key.rsa.modulus-insecure. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa2048.pem", g.good())
w("pass-rsa1024.pem", g.good(k=g.key("rsa1024")))
w("error-rsa512.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512"]))
w("error-rsa768.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:768"]))
