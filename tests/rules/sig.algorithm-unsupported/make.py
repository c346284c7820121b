"""Cases for sig.algorithm-unsupported. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa.pem", g.good())
w("pass-p384.pem", g.good(k=g.key("p384"), hash_name="sha384"))
# md4WithRSAEncryption: the verifier has no MD4.
w("warning-md4.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.3"), g.null())))
# ecdsa-with-SHA3-256 with a P-256 key.
w("warning-ecdsa-sha3.pem", g.good(k=g.key("p256"),
                                   sigalg=g.seq(g.oid("2.16.840.1.101.3.4.3.10"))))
# An unknown signature algorithm OID.
w("warning-unknown-oid.pem", g.good(sigalg=g.seq(g.oid("1.3.6.1.4.1.99999.1"))))
