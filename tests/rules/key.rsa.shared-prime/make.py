"""Cases for key.rsa.shared-prime (batch): bundles of requests whose RSA moduli share a
prime (p * q1 and p * q2; and three keys on one prime), a bundle with the same key twice
(reuse, not a shared prime), and unrelated keys."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.batch_writer(__file__)

rng = random.Random(2012)
p, q1, q2, q3 = (c.random_prime(rng, 1024) for _ in range(4))
a, b, d = c.rsa_key(p, q1), c.rsa_key(p, q2), c.rsa_key(p, q3)
w("pass-unrelated.pem", g.good(), c.signed(g.key("rsa4096")))
w("pass-same-key-twice.pem", c.signed(a), c.signed(a, subject=g.name(("CN", "other.example"))))
w("error-two-share-p.pem", c.signed(a), c.signed(b))
w("error-three-share-p.pem", c.signed(a), c.signed(b), g.good(), c.signed(d))
