"""Cases for attr.challenge-password.present."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-clean.pem", g.good())
w("warning-challenge-password.pem", g.good(attrs=[g.challenge_password("s3cret")]))
w("warning-printable-challenge-password.pem", g.good(attrs=[
    g.challenge_password(g.printable("password"))]))
