"""Cases for ext.explicit-default."""
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
w("pass-critical-true-and-empty-bc.pem", with_exts(g.basic_constraints(False),
                                                   g.key_usage(0, 2, critical=True)))
w("pass-ca-true.pem", with_exts(g.basic_constraints(True, 0)))
w("error-san-critical-false.pem", g.good(exts=[g.san(g.dns("www.example.com"),
                                                     critical=False)]))
w("error-bc-ca-false.pem", with_exts(g.ext("2.5.29.19", g.seq(g.boolean(False)), True)))
