"""Cases for attr.values-empty."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-clean.pem", g.good())
w("error-empty-extension-request-set.pem", g.csr(
    subject=g.name(("CN", "www.example.com")),
    attrs=[g.seq(g.oid("1.2.840.113549.1.9.14"), g.tlv(0x31, b""))]))
w("error-empty-unstructured-name.pem", g.good(
    attrs=[g.seq(g.oid("1.2.840.113549.1.9.2"), g.tlv(0x31, b""))]))
