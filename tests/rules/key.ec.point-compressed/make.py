"""Cases for key.ec.point-compressed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-p256.pem", g.good(k=g.key("p256")))
w("pass-p384.pem", g.good(k=g.key("p384"), hash_name="sha384"))
for name in ("p256", "p384"):
    k = g.key(name)
    der = g.spki(k)
    alg = der[2:4 + der[3]]  # the AlgorithmIdentifier (short-form lengths at these sizes)
    comp = k.public_key().public_bytes(s.serialization.Encoding.X962,
                                       s.serialization.PublicFormat.CompressedPoint)
    w("warning-compressed-%s.pem" % name, s.sign_ecdsa(k, s.tbs(g.seq(alg, g.bits(comp)))))
