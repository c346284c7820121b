"""keystrength_cases.py - deliberately weak keys for the key-strength rules
(key.rsa.small-factor, -perfect-power, -modulus-prime, -roca, -modulus-pattern, -shared-prime,
key.ec.point-invalid, key.ed25519.weak): RSA keys built from chosen primes (they sign
normally), and hand-made SubjectPublicKeyInfos for keys that cannot sign (the request then
carries another key's signature, which is fine for a key-rule case).

Everything is seeded, so re-running a make.py reproduces the same files.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrgen as g  # noqa: E402
import sigkey_cases as s  # noqa: E402

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

SMALL = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]


def is_prime(n):
    if n < 2:
        return False
    for p in SMALL:
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for a in SMALL[:13]:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(n):
    n |= 1
    while not is_prime(n):
        n += 2
    return n


def random_prime(rng, bits):
    return next_prime(rng.getrandbits(bits) | (3 << (bits - 2)) | 1)


def rsa_key(p, q, e=65537):
    """A private key (cryptography) with the given primes: it signs like any other."""
    n, phi = p * q, (p - 1) * (q - 1)
    d = pow(e, -1, phi)
    priv = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                                 rsa.RSAPublicNumbers(e, n))
    try:                               # cryptography >= 39 checks keys unless told not to
        return priv.private_key(unsafe_skip_rsa_key_validation=True)
    except TypeError:
        return priv.private_key()


def signed(k, subject=s.SUBJECT, exts=s.EXTS):
    """A tls-server-style request signed by k."""
    return g.csr(subject=subject, exts=exts, k=k)


def unsigned_spki(spki, signer="rsa2048"):
    """A request carrying spki, signed by a committed test key (the signature cannot match:
    spki has no usable private key)."""
    k = g.key(signer)
    info = s.tbs(spki)
    return g.sign(k, info)


def rsa_spki_request(n, e=65537):
    return unsigned_spki(s.rsa_spki(n, e))


# ---- ROCA ---------------------------------------------------------------------------------

def primorial(count):
    m, p = 1, 2
    for _ in range(count):
        m *= p
        p = next_prime(p + 1)
    return m


def roca_prime(rng, bits=1024, nprimes=126):
    """A prime of the form k * M + (65537^a mod M), M the product of the first nprimes
    primes (126 for 2048-bit keys in the ROCA paper), as Infineon's RSALib made them."""
    m = primorial(nprimes)
    while True:
        a = rng.getrandbits(62)
        kbits = bits - m.bit_length()
        k = rng.getrandbits(kbits) | (1 << (kbits - 1))
        p = k * m + pow(65537, a, m)
        if p.bit_length() == bits and is_prime(p):
            return p


# ---- a modulus with a repeating pattern ----------------------------------------------------

def pattern_key(rng, pattern=bytes([0xAB]) * 16, bits=1024):
    """A real key whose modulus ends in the 16 octets of pattern: q = T / p mod 2^128,
    lifted until it is prime."""
    t = int.from_bytes(pattern, "big")
    while True:
        p = random_prime(rng, bits)
        q0 = t * pow(p, -1, 1 << 128) % (1 << 128)
        hi = rng.getrandbits(bits - 128) | (3 << (bits - 130))
        for i in range(4000):
            q = ((hi + i) << 128) | q0
            if is_prime(q):
                return rsa_key(p, q)


# ---- EC and Ed25519 points -------------------------------------------------------------------

CURVE_OID = {"P-256": "1.2.840.10045.3.1.7", "P-384": "1.3.132.0.34", "P-224": "1.3.132.0.33"}
FIELD_P = {"P-256": 2**256 - 2**224 + 2**192 + 2**96 - 1,
           "P-384": 2**384 - 2**128 - 2**96 + 2**32 - 1}


def ec_spki(point, curve="P-256"):
    alg = g.seq(g.oid("1.2.840.10045.2.1"), g.oid(CURVE_OID[curve]))
    return g.seq(alg, g.bits(point))


def ec_point(k):
    """The uncompressed point (04 || X || Y) of a cryptography EC key."""
    from cryptography.hazmat.primitives import serialization
    return k.public_key().public_bytes(serialization.Encoding.X962,
                                       serialization.PublicFormat.UncompressedPoint)


def ed25519_spki(raw):
    return g.seq(g.seq(g.oid("1.3.101.112")), g.bits(raw))


# ---- batch cases (test_rules runs a folder with a file named "batch" through the batch) ----

def bundle(path, *ders):
    """Writes several requests into one PEM file (one batch run)."""
    with open(path, "wb") as f:
        for der in ders:
            f.write(g.pem(der))


def batch_writer(make_py):
    """Like sigkey_cases.writer, for bundles; also writes the "batch" marker file."""
    here = os.path.dirname(os.path.abspath(make_py))
    for f in os.listdir(here):
        if f.endswith(".pem") or f.endswith(".der"):
            os.remove(os.path.join(here, f))
    with open(os.path.join(here, "batch"), "w") as f:
        f.write("# test_rules runs each case file here as one batch (csrl_batch_run)\n")
    return lambda name, *ders: bundle(os.path.join(here, name), *ders)
