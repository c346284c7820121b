"""Cases for sig.rsa-params-absent. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-null.pem", g.good())
w("pass-integer.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"), g.integer(0))))
w("pass-ecdsa.pem", g.good(k=g.key("p256")))
w("warning-absent-sha256.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.11"))))
w("warning-absent-sha1.pem",
  g.good(hash_name="sha1", sigalg=g.seq(g.oid("1.2.840.113549.1.1.5"))))
