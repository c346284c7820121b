"""Cases for key.eddsa.not-allowed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-p256.pem", g.good(k=g.key("p256")))
w("error-ed25519.pem", g.good(k=g.key("ed25519")))
w("error-ed448.pem", s.ed448_csr(s.tbs))
