"""Cases for key.rsa.small-factor: real 2048-bit keys whose modulus has the factor 743 (below
752, the BR bound) or 65519 (found by the extended search up to 65537), and ordinary keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

rng = random.Random(752)
w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", c.signed(g.key("rsa4096")))
w("error-factor-743.pem", c.signed(c.rsa_key(743, c.random_prime(rng, 2038))))
w("error-factor-65519.pem", c.signed(c.rsa_key(65519, c.random_prime(rng, 2032))))
w("error-factor-3.pem", c.rsa_spki_request(3 * c.random_prime(rng, 2046)))
