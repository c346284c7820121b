"""Cases for ext.request-empty."""
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
w("pass-no-extension-request.pem", g.csr(subject=g.name(("CN", "www.example.com"))))
w("error-empty-extension-request.pem", g.csr(
    subject=g.name(("CN", "www.example.com")), attrs=[g.ext_request()]))
w("error-empty-ms-extension-request.pem", g.good(attrs=[
    g.attribute("1.3.6.1.4.1.311.2.1.14", g.seq())]))
