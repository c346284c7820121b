"""Cases for key.ed25519.weak: the small-order encodings (identity, order 2, order 4, the
order-8 y and p - y8 values, with and without the sign bit, and identity + p), a
non-canonical y >= p that is otherwise a fine y, and a y that is on no point; the committed
Ed25519 key passes. The weak keys cannot sign, so the requests carry the committed key's
signature."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

P = 2**255 - 19
Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022


def enc(y, sign=0):
    return (y | sign << 255).to_bytes(32, "little")


def req(raw):
    return c.unsigned_spki(c.ed25519_spki(raw), "ed25519")


w("pass-ed25519.pem", c.signed(g.key("ed25519")))
w("error-identity.pem", req(enc(1)))
w("error-identity-plus-p.pem", req(enc(P + 1)))
w("error-order2.pem", req(enc(P - 1)))
w("error-order2-negative-zero.pem", req(enc(P - 1, 1)))
w("error-order4.pem", req(enc(0)))
w("error-order4-negative.pem", req(enc(0, 1)))
w("error-order8.pem", req(enc(Y8)))
w("error-order8-minus.pem", req(enc(P - Y8, 1)))
w("error-non-canonical-y.pem", req(enc(P + 3)))    # y = 3 is a curve point
w("error-not-on-curve.pem", req(enc(2)))
