"""Cases for attr.challenge-password.length (1..255 characters, not bytes)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-clean.pem", g.good())
w("pass-255-chars.pem", g.good(attrs=[g.challenge_password("x" * 255)]))
w("pass-255-two-byte-chars.pem", g.good(attrs=[g.challenge_password("é" * 255)]))
w("error-256-chars.pem", g.good(attrs=[g.challenge_password("x" * 256)]))
w("error-empty.pem", g.good(attrs=[g.challenge_password(g.printable(""))]))
