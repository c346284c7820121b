"""Cases for sig.rsa-length-mismatch. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", g.good(k=g.key("rsa4096")))
k = g.key("rsa2048")
info = s.tbs(g.spki(k))
sig = k.sign(info, s.padding.PKCS1v15(), s.hashes.SHA256())
alg = g.seq(g.oid(s.RSA_OID["sha256"]), g.null())
# One zero byte too many in front, and the last byte cut off.
w("error-longer.pem", s.assemble(info, alg, b"\x00" + sig))
w("error-shorter.pem", s.assemble(info, alg, sig[:-1]))
