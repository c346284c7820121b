"""Cases for csr.pem-label-legacy: the failing case is armoured with the legacy label."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402


def w(name, der):
    g.write(os.path.join(HERE, name), der)


w("pass-standard-label.pem", g.good())
with open(os.path.join(HERE, "notice-new-certificate-request.pem"), "wb") as f:
    f.write(g.pem(g.good()).replace(b"CERTIFICATE REQUEST", b"NEW CERTIFICATE REQUEST"))
