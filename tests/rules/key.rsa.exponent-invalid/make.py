"""Cases for key.rsa.exponent-invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
w("pass-65537.pem", g.good())
w("pass-e3.pem", s.good_with(s.new_rsa(2048, e=3)))
# Hand-made keys; the signature (by the rsa2048 key) does not matter to this rule.
w("error-even.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 65536))))
w("error-one.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, 1))))
w("error-negative.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, -65537))))
w("error-not-below-n.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(n, n + 2))))
