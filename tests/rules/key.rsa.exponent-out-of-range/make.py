"""Cases for key.rsa.exponent-out-of-range. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
w("pass-65537.pem", g.good())
w("pass-2-255-plus-1.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 2**255 + 1))))
w("warning-e3.pem", s.good_with(s.new_rsa(2048, e=3)))
w("warning-e17.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 17))))
w("warning-2-256-plus-1.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 2**256 + 1))))
