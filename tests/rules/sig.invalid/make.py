"""Cases for sig.invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-p256.pem", g.good(k=g.key("p256")))
w("pass-ed25519.pem", g.good(k=g.key("ed25519")))
w("error-rsa-flipped.pem", s.flip_sig_byte(g.good()))
w("error-p256-flipped.pem", s.flip_sig_byte(g.good(k=g.key("p256"))))
w("error-ed25519-flipped.pem", s.flip_sig_byte(g.good(k=g.key("ed25519"))))
# Signed by another key than the one enclosed.
other = s.tbs(g.spki(g.key("rsa4096")))
w("error-other-key.pem", s.sign_rsa(g.key("rsa2048"), other))
