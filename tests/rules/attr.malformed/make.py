"""Cases for attr.malformed."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


UNSTRUCTURED_NAME = "1.2.840.113549.1.9.2"
w("pass-clean.pem", g.good())
w("pass-unstructured-name.pem", g.good(attrs=[g.attribute(UNSTRUCTURED_NAME, g.utf8("box-1"))]))
w("error-attribute-without-set.pem", g.good(attrs=[g.seq(g.oid(UNSTRUCTURED_NAME))]))
w("error-attribute-not-sequence.pem", g.good(attrs=[g.utf8("not an attribute")]))
w("error-extension-request-integer.pem", g.csr(
    subject=g.name(("CN", "www.example.com")),
    attrs=[g.attribute("1.2.840.113549.1.9.14", g.integer(5))]))
