"""Cases for ext.value-invalid: known values that do not decode, others that are not DER."""
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
w("pass-unknown-with-null.pem", with_exts(g.ext("1.3.6.1.4.1.99999.7", g.null())))
w("pass-ct-poison.pem", with_exts(g.ext("1.3.6.1.4.1.11129.2.4.3", g.null(), True)))
w("error-key-usage-as-octets.pem", with_exts(g.ext("2.5.29.15", g.octets(b"\xa0"), True)))
w("error-san-trailing-bytes.pem", g.good(exts=[
    g.ext("2.5.29.17", g.seq(g.dns("www.example.com")) + b"\x00\x00")]))
w("error-eku-not-oids.pem", with_exts(g.ext("2.5.29.37", g.seq(g.utf8("serverAuth")))))
w("error-ct-poison-empty.pem", with_exts(g.ext("1.3.6.1.4.1.11129.2.4.3", b"", True)))
# an unknown extension's syntax is unknown: its bytes are not judged (Boulder ignores them)
w("pass-unknown-raw-text.pem", with_exts(g.ext("1.3.6.1.4.1.99999.7", b"value")))
w("pass-unknown-empty.pem", with_exts(g.ext("2.25.123456789", b"")))
