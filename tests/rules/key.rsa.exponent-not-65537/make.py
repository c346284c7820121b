"""Cases for key.rsa.exponent-not-65537. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
w("pass-65537.pem", g.good())
w("pass-p256.pem", g.good(k=g.key("p256")))
w("error-e3.pem", s.good_with(s.new_rsa(2048, e=3)))
w("error-e257.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 2**8 + 1))))
w("error-2-32-plus-1.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 2**32 + 1))))
