"""Cases for key.rsa.perfect-power: n = p^2 and n = p^3 (no private key can sign for them, so
the requests carry the committed RSA key's signature), and ordinary keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

rng = random.Random(2)
w("pass-rsa2048.pem", g.good())
w("pass-roca-like-product.pem", c.signed(c.rsa_key(c.random_prime(rng, 1024),
                                                   c.random_prime(rng, 1024))))
w("error-square.pem", c.rsa_spki_request(c.random_prime(rng, 1024) ** 2))
w("error-cube.pem", c.rsa_spki_request(c.random_prime(rng, 683) ** 3))
