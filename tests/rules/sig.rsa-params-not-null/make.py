"""Cases for sig.rsa-params-not-null. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-null.pem", g.good())
w("pass-sha512.pem", g.good(hash_name="sha512"))
w("pass-absent.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"))))
w("error-integer.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"), g.integer(0))))
w("error-null-not-empty.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"), b"\x05\x01\x00")))
w("error-empty-seq.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"), g.seq())))
