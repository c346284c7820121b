"""Cases for key.dsa.deprecated. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-ed25519.pem", g.good(k=g.key("ed25519")))
k = s.dsa_key(2048)
w("warning-dsa2048.pem", s.sign_dsa(k, s.tbs(g.spki(k))))
