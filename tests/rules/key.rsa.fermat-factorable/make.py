"""Cases for key.rsa.fermat-factorable: a 2048-bit key whose primes differ by a small gap
(found within a few rounds), one at the edge (about 90 rounds), and ordinary keys."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402


def is_probable_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(n):
    n |= 1
    while not is_probable_prime(n):
        n += 2
    return n


def close_key(base, gap):
    """An RSA key with q the first prime after p + gap: Fermat finds it when
    (q - p)^2 / (8 sqrt(n)) is below the round budget."""
    p = next_prime(base)
    q = next_prime(p + gap)
    e = 65537
    phi = (p - 1) * (q - 1)
    d = pow(e, -1, phi)
    priv = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                                 rsa.RSAPublicNumbers(e, p * q))
    return priv.private_key()


base = 0xC5 << (1024 - 8)          # a fixed 1024-bit start: reproducible output
near = close_key(base + 12345, 2 ** 20)
# rounds ~ gap^2 / (8 sqrt(n)), sqrt(n) ~ 0.77 * 2^1024: a gap of 20 * 2^512 takes about 65
# rounds, within the budget of 100; 40 * 2^512 takes about 260, beyond it.
edge = close_key(base + 777, 2 ** 512 * 20)
beyond = close_key(base + 999, 2 ** 512 * 40)
g.write(os.path.join(HERE, "pass-ordinary-key.pem"), g.good())
g.write(os.path.join(HERE, "pass-rsa4096.pem"), g.good(k=g.key("rsa4096")))
g.write(os.path.join(HERE, "error-close-primes.pem"), g.good(k=near))
g.write(os.path.join(HERE, "error-edge-of-budget.pem"), g.good(k=edge))
g.write(os.path.join(HERE, "pass-beyond-budget.pem"), g.good(k=beyond))
