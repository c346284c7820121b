"""Cases for attr.duplicate."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


PRIV = "1.3.6.1.4.1.99999.1"
w("pass-clean.pem", g.good())
w("pass-two-values-one-attribute.pem", g.good(attrs=[
    g.attribute(PRIV, g.utf8("a"), g.utf8("b"))]))
# A repeated single-valued type is attr.single-value's error, not this warning.
w("pass-two-challenge-passwords.pem", g.good(attrs=[
    g.challenge_password("one"), g.challenge_password("two")]))
w("warning-private-attribute-twice.pem", g.good(attrs=[
    g.attribute(PRIV, g.utf8("a")), g.attribute(PRIV, g.utf8("b"))]))
w("warning-unstructured-name-twice.pem", g.good(attrs=[
    g.attribute("1.2.840.113549.1.9.2", g.utf8("a")),
    g.attribute("1.2.840.113549.1.9.2", g.utf8("b"))]))
