"""Cases for key.rsa.fermat-factorable: a 2048-bit key whose primes differ by a small gap
(found within a few rounds), one at the edge (about 90 rounds), and ordinary keys."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402
import keystrength_cases as ks  # noqa: E402


def close_key(base, gap):
    """An RSA key with q the first prime after p + gap: Fermat finds it when
    (q - p)^2 / (8 sqrt(n)) is below the round budget."""
    p = ks.next_prime(base)
    return ks.rsa_key(p, ks.next_prime(p + gap))


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
