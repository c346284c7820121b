"""Cases for sig.algorithm-not-allowed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa-sha256.pem", g.good())
w("pass-rsa-sha384.pem", g.good(hash_name="sha384"))
w("pass-rsa-sha512.pem", g.good(hash_name="sha512"))
w("pass-p256-sha256.pem", g.good(k=g.key("p256")))
w("pass-p384-sha384.pem", g.good(k=g.key("p384"), hash_name="sha384"))
k = g.key("rsa2048")
info = s.tbs(g.spki(k))
w("error-rsa-sha1.pem", g.good(hash_name="sha1"))
w("error-rsa-sha224.pem", s.sign_rsa(k, info, "sha224"))
w("error-pss.pem", s.sign_pss(k, info))
w("error-ed25519.pem", g.good(k=g.key("ed25519")))
w("error-ecdsa-sha1.pem", g.good(k=g.key("p256"), hash_name="sha1"))
