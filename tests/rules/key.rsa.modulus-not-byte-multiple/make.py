"""Cases for key.rsa.modulus-not-byte-multiple. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa2048.pem", g.good())
w("pass-rsa3000.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3000"]))
w("warning-rsa2060.pem", s.good_with(s.new_rsa(2060)))
w("warning-rsa2052.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2052"]))
