"""Cases for attr.unknown."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-clean.pem", g.good())
w("pass-known-attributes.pem", g.good(attrs=[
    g.attribute("1.2.840.113549.1.9.2", g.utf8("box-1")),
    g.attribute("1.3.6.1.4.1.311.13.2.3", g.ia5("10.0.19045.2"))]))
w("notice-private-attribute.pem", g.good(attrs=[
    g.attribute("1.3.6.1.4.1.99999.1", g.utf8("x"))]))
w("notice-friendly-name.pem", g.good(attrs=[
    g.attribute("1.2.840.113549.1.9.20", g.bmp("Server-Cert"))]))
