"""Cases for sig.params-not-absent. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-ecdsa.pem", g.good(k=g.key("p256")))
w("pass-ed25519.pem", g.good(k=g.key("ed25519")))
w("pass-rsa-null.pem", g.good())
w("error-ecdsa-null.pem", g.good(k=g.key("p256"),
                                 sigalg=g.seq(g.oid("1.2.840.10045.4.3.2"), g.null())))
w("error-ecdsa-curve.pem", g.good(k=g.key("p384"), hash_name="sha384",
                                  sigalg=g.seq(g.oid("1.2.840.10045.4.3.3"),
                                               g.oid("1.3.132.0.34"))))
w("error-ed25519-null.pem", g.good(k=g.key("ed25519"),
                                   sigalg=g.seq(g.oid("1.3.101.112"), g.null())))
