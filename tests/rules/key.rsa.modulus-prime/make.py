"""Cases for key.rsa.modulus-prime: a 2048-bit prime as the modulus (badkeys' rsa-nprime
defect; unsignable, so the request carries another key's signature), and ordinary keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

rng = random.Random(3)
w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", c.signed(g.key("rsa4096")))
w("error-prime-2048.pem", c.rsa_spki_request(c.random_prime(rng, 2048)))
