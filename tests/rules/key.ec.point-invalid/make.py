"""Cases for key.ec.point-invalid: P-256/P-384 points off the curve (y + 1), with x >= p
(2^256 - 1), of the wrong length, the point at infinity (00) and a hybrid (06) encoding; the
requests are signed by the committed P-256 key, whose point they no longer carry. Good keys pass, and so
does a compressed point (that is key.ec.point-compressed)."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

p256, p384 = g.key("p256"), g.key("p384")
pt = c.ec_point(p256)
x, y = pt[1:33], pt[33:]
P = c.FIELD_P["P-256"]


def req(point, curve="P-256"):
    return c.unsigned_spki(c.ec_spki(point, curve), "p256")


y1 = (int.from_bytes(y, "big") + 1) % P
w("pass-p256.pem", c.signed(p256))
w("pass-p384.pem", c.signed(p384))
w("pass-compressed.pem", req(bytes([2 + (y[-1] & 1)]) + x))
w("error-off-curve.pem", req(b"\x04" + x + y1.to_bytes(32, "big")))
w("error-p384-off-curve.pem", req(c.ec_point(p384)[:-1] + bytes([c.ec_point(p384)[-1] ^ 1]),
                                  "P-384"))
w("error-x-not-below-p.pem", req(b"\x04" + b"\xff" * 32 + y))
w("error-short.pem", req(pt[:-1]))
w("error-infinity.pem", req(b"\x00"))
w("error-hybrid.pem", req(b"\x06" + x + y))
