"""Cases for attr.challenge-password.type."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-clean.pem", g.good())
w("pass-printable.pem", g.good(attrs=[g.challenge_password(g.printable("password"))]))
w("pass-utf8.pem", g.good(attrs=[g.challenge_password("pässwörd")]))
w("pass-bmp.pem", g.good(attrs=[g.challenge_password(g.bmp("password"))]))
w("error-integer.pem", g.good(attrs=[g.challenge_password(g.integer(1234))]))
w("error-ia5string.pem", g.good(attrs=[g.challenge_password(g.ia5("password"))]))
