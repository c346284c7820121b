"""Cases for ext.unknown-critical."""
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


PRIV = "1.3.6.1.4.1.99999.7"
w("pass-clean.pem", g.good())
w("pass-unknown-not-critical.pem", with_exts(g.ext(PRIV, g.null())))
w("pass-known-critical.pem", with_exts(g.key_usage(0, 2, critical=True),
                                       g.ext("1.3.6.1.5.5.7.1.24", g.seq(g.integer(5)), True)))
w("warning-unknown-critical.pem", with_exts(g.ext(PRIV, g.null(), True)))
w("warning-subject-attribute-oid-critical.pem", with_exts(g.ext("2.5.4.3", g.null(), True)))
