"""Cases for sig.pss-params-inconsistent. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
info = s.tbs(g.spki(k))
w("pass-pss-sha256.pem", s.sign_pss(k, info))
w("pass-pss-sha512-long-salt.pem", s.sign_pss(k, info, "sha512", salt=100))
w("pass-pkcs1.pem", g.good())
w("warning-mgf1-sha1.pem", s.sign_pss(k, info, "sha256", mgf_hash="sha1"))
w("warning-salt-20.pem", s.sign_pss(k, info, "sha256", salt=20))
w("warning-salt-0.pem", s.sign_pss(k, info, "sha384", salt=0))
# An unknown mask generation function (the signature itself uses MGF1).
odd_mgf = g.seq(g.ctx(0, s.hash_alg("sha256")),
                g.ctx(1, g.seq(g.oid("1.3.6.1.4.1.99999.2"), s.hash_alg("sha256"))),
                g.ctx(2, g.integer(32)))
w("warning-unknown-mgf.pem", s.sign_pss(k, info, params=odd_mgf))
