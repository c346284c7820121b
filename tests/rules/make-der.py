"""Writes the cases of the der.* rules (one per DER anomaly) into tests/rules/der.<id>/.
Each failing case is a validly signed request holding exactly one kind of DER violation.
Run: python3 tests/rules/make-der.py"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrgen as g  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RSA_SHA256 = g.oid("1.2.840.113549.1.1.11")


def subject_with_cn(cn_value):
    return g.name(("C", "DE"), ("O", "Example GmbH"), g.set_(g.seq(g.oid("2.5.4.3"), cn_value)))


def with_attr(*values, type_oid="1.3.6.1.4.1.99999.1"):
    """A request whose extra (unknown) attribute holds the given raw value encodings."""
    return g.good(attrs=[g.seq(g.oid(type_oid), g.tlv(0x31, b"".join(values)))])


def with_ext(raw_ext):
    return g.good(exts=[g.san(g.dns("www.example.com")), raw_ext])


cases = {
    "length-not-minimal": g.good(subject=subject_with_cn(b"\x0c\x81\x0fwww.example.com")),
    "length-indefinite": g.good(subject=g.name(
        ("C", "DE"), b"\x31\x80" + g.ava("CN", "www.example.com") + b"\x00\x00")),
    "tag-not-minimal": g.good(subject=subject_with_cn(b"\x1f\x0c\x0fwww.example.com")),
    "length-overrun": with_attr(b"\x04\x05\x41"),
    "trailing-data": g.good() + b"\x00\x01\x02",
    "integer-not-minimal": g.good(version=b"\x02\x02\x00\x00"),
    "integer-empty": g.good(version=b"\x02\x00"),
    "boolean-invalid": with_ext(g.seq(g.oid("2.5.29.19"), b"\x01\x01\x01",
                                      g.octets(g.seq()))),
    "bitstring-unused-bits-invalid": with_ext(g.ext("2.5.29.15", b"\x03\x02\x08\x80", True)),
    "bitstring-padding-nonzero": with_ext(g.ext("2.5.29.15", b"\x03\x02\x05\xa1", True)),
    "set-not-sorted": g.good(subject=g.name(("C", "DE"), g.set_(
        g.ava("CN", "www.example.com"), g.ava("O", "Example GmbH"), sort=False))),
    "string-constructed": g.good(subject=subject_with_cn(
        g.tlv(0x2C, g.utf8("www.exa") + g.utf8("mple.com")))),
    "oid-not-minimal": g.good(
        attrs=[g.seq(b"\x06\x04\x2a\x80\x03\x04", g.set_(g.utf8("x")))]),
    "oid-invalid": g.good(attrs=[g.seq(b"\x06\x02\x2a\x83", g.set_(g.utf8("x")))]),
    "printablestring-charset": g.good(subject=g.name(
        ("C", "DE"), ("O", g.printable("Example & Co")), ("CN", "www.example.com"))),
    "ia5string-charset": g.good(subject=g.name(
        ("C", "DE"), ("emailAddress", g.ia5(b"admin\xe9@example.com")), ("CN", "www.example.com"))),
    "utf8-invalid": g.good(subject=g.name(("C", "DE"), ("O", g.utf8(b"Example \xff")),
                                          ("CN", "www.example.com"))),
    "bmpstring-length": g.good(subject=g.name(("C", "DE"), ("O", g.bmp(b"\x00E\x00")),
                                              ("CN", "www.example.com"))),
    "null-not-empty": g.good(sigalg=g.seq(RSA_SHA256, b"\x05\x01\x00")),
    "eoc-unexpected": with_attr(b"\x00\x00"),
    "constructed-form-invalid": with_attr(b"\x10\x00"),
}

for ident, der in sorted(cases.items()):
    d = os.path.join(HERE, "der." + ident)
    os.makedirs(d, exist_ok=True)
    g.write(os.path.join(d, "pass-clean.pem"), g.good())
    g.write(os.path.join(d, "error-%s.pem" % ident), der)
print(len(cases), "der.* rules written")
