"""Cases for ext.san.criticality."""
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
w("pass-empty-subject-critical-san.pem", g.csr(
    subject=g.seq(), exts=[g.san(g.dns("www.example.com"), critical=True)]))
w("warning-empty-subject-san-not-critical.pem", g.csr(subject=g.seq(), exts=[SAN]))
w("warning-subject-and-critical-san.pem", g.good(exts=[
    g.san(g.dns("www.example.com"), critical=True)]))
