"""Cases for ext.bc.ca-true."""
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
w("pass-ca-false.pem", with_exts(g.basic_constraints(False)))
w("error-ca-true.pem", with_exts(g.basic_constraints(True)))
w("error-ca-true-pathlen.pem", with_exts(g.basic_constraints(True, 0)))
w("error-leaf-pathlen.pem", with_exts(g.ext("2.5.29.19", g.seq(g.integer(2)), True)))
