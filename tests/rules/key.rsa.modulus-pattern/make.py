"""Cases for key.rsa.modulus-pattern: a real 2048-bit key whose modulus ends in 16 octets of
0xAB (q chosen modulo 2^128 so that p * q does), one ending in 15 repetitions (below the
threshold), and ordinary keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

rng = random.Random(16)
w("pass-rsa2048.pem", g.good())
w("pass-15-repetitions.pem", c.signed(c.pattern_key(rng, bytes([0x01]) + bytes([0xAB]) * 15)))
w("notice-abab.pem", c.signed(c.pattern_key(rng)))
