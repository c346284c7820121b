"""Cases for key.rsa.modulus-invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
w("pass-rsa2048.pem", g.good())
w("pass-rsa1024.pem", g.good(k=g.key("rsa1024")))
# Hand-made keys; the signature (by the rsa2048 key) does not matter to this rule.
w("error-even.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n + 1, e))))
w("error-negative.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(-n, e))))
w("error-zero.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(0, e))))
