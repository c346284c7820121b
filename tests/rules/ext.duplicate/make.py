"""Cases for ext.duplicate."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402

SAN = g.san(g.dns("www.example.com"))


def w(name, der):
    g.write(os.path.join(HERE, name), der)


def with_exts(*exts, **kw):
    """A good request whose extensionRequest holds the SAN followed by exts."""
    return g.good(exts=[SAN] + list(exts), **kw)


w("pass-clean.pem", g.good())
w("pass-distinct.pem", with_exts(g.key_usage(0, 2), g.eku("1.3.6.1.5.5.7.3.1")))
w("error-two-sans.pem", with_exts(g.san(g.dns("example.com"))))
w("error-two-basic-constraints.pem", with_exts(g.basic_constraints(False),
                                               g.basic_constraints(False)))
w("error-across-extension-requests.pem", g.good(attrs=[g.attribute(
    "1.2.840.113549.1.9.14", g.seq(g.key_usage(0)), g.seq(g.key_usage(0)))]))
