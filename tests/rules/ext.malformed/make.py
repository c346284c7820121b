"""Cases for ext.malformed."""
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
w("pass-with-key-usage.pem", with_exts(g.key_usage(0, 2)))
w("error-extension-without-value.pem", with_exts(g.seq(g.oid("2.5.29.15"), g.boolean(True))))
w("error-extension-is-integer.pem", with_exts(g.integer(7)))
w("error-extension-value-not-octets.pem", with_exts(g.seq(g.oid("2.5.29.15"), g.null())))
