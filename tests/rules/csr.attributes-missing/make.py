"""Cases for csr.attributes-missing. Run: python3 make.py (from anywhere)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-empty-attributes.pem", g.csr(subject=g.name(("CN", "www.example.com"))))
w("pass-with-extensions.pem", g.good())
w("error-no-attributes-field.pem", g.good(attrs_field=False))
