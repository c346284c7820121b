"""Cases for ext.ku.key-type-mismatch. EC and Ed25519 cases use the committed test keys."""
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


DS, NR, KE, DE, KA = 0, 1, 2, 3, 4
w("pass-clean.pem", g.good())
w("pass-rsa-ds-ke.pem", with_exts(g.key_usage(DS, KE)))
w("pass-rsa-ke-de.pem", with_exts(g.key_usage(KE, DE)))
w("pass-ec-ds-ka.pem", with_exts(g.key_usage(DS, KA), k=g.key("p256")))
w("pass-ed25519-ds-nr.pem", with_exts(g.key_usage(DS, NR), k=g.key("ed25519")))
w("error-rsa-key-agreement.pem", with_exts(g.key_usage(DS, KA)))
w("error-ec-key-encipherment.pem", with_exts(g.key_usage(DS, KE), k=g.key("p256")))
w("error-ec-data-encipherment.pem", with_exts(g.key_usage(DE), k=g.key("p384")))
w("error-ed25519-key-encipherment.pem", with_exts(g.key_usage(DS, KE), k=g.key("ed25519")))
