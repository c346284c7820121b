"""Cases for ext.eku.any."""
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


SERVER, ANY = "1.3.6.1.5.5.7.3.1", "2.5.29.37.0"
w("pass-clean.pem", g.good())
w("pass-server-auth.pem", with_exts(g.eku(SERVER)))
w("error-server-and-any.pem", with_exts(g.eku(SERVER, ANY)))
w("error-any-only.pem", with_exts(g.eku(ANY)))
