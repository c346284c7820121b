"""Cases for key.rsa.roca: a real 2048-bit key whose two primes have the ROCA structure
k * M + (65537^a mod M) (M the product of the first 126 primes, as in the CCS 2017 paper),
one where only p has it (not fingerprinted: n mod r leaves the subgroup for some r), and
ordinary keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

rng = random.Random(15361)
w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", c.signed(g.key("rsa4096")))
w("pass-one-roca-prime.pem", c.signed(c.rsa_key(c.roca_prime(rng), c.random_prime(rng, 1024))))
w("error-roca-2048.pem", c.signed(c.rsa_key(c.roca_prime(rng), c.roca_prime(rng))))
