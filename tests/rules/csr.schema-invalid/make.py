"""Cases for csr.schema-invalid: libtasn1 rejects what the tolerant reader keeps."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


# An Attribute with its type but without the SET of values: the reader keeps it as malformed.
no_set = g.seq(g.oid("1.2.840.113549.1.9.2"))
w("pass-clean.pem", g.good())
w("error-attribute-without-values.pem", g.good(attrs=[no_set]))
# Explained by csr.attributes-missing and der.trailing-data: not reported again here.
w("pass-missing-attributes-reported-elsewhere.pem", g.good(attrs_field=False))
w("pass-trailing-data-reported-elsewhere.pem", g.good() + b"\x00\x00")
