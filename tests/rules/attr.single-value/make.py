"""Cases for attr.single-value."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


CP = "1.2.840.113549.1.9.7"
EXT_REQ = "1.2.840.113549.1.9.14"
SAN = g.san(g.dns("www.example.com"))
w("pass-clean.pem", g.good())
w("pass-one-challenge-password.pem", g.good(attrs=[g.challenge_password("s3cret")]))
# unstructuredName is not single-valued (RFC 2985 5.2.2).
w("pass-unstructured-name-two-values.pem", g.good(attrs=[
    g.attribute("1.2.840.113549.1.9.2", g.utf8("box-1"), g.utf8("box-2"))]))
w("error-challenge-password-two-values.pem", g.good(attrs=[
    g.attribute(CP, g.printable("one"), g.printable("two"))]))
w("error-two-challenge-password-attributes.pem", g.good(attrs=[
    g.challenge_password("one"), g.challenge_password("two")]))
w("error-extension-request-two-values.pem", g.csr(
    subject=g.name(("CN", "www.example.com")),
    attrs=[g.attribute(EXT_REQ, g.seq(SAN), g.seq(g.key_usage(0)))]))
w("error-two-extension-requests.pem", g.csr(
    subject=g.name(("CN", "www.example.com")),
    attrs=[g.ext_request(SAN), g.ext_request(g.key_usage(0))]))
