"""Cases for key.blocklisted and its list blocklist.txt (test_rules loads it as --blocklist):
the P-384 key listed by the SHA-256 of its SubjectPublicKeyInfo (Boulder's form), the
RSA-4096 key by the BKHASH120 of its modulus (badkeys' form), the Ed25519 key by its BKHASH64
(badkeys' lookup.txt form, with a path after ';'); the RSA-2048 key is not listed."""
import hashlib
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.s.writer(__file__)

HERE = os.path.dirname(os.path.abspath(__file__))


def spki_sha256(k):
    return hashlib.sha256(g.spki(k)).hexdigest()


def bkhash(value):
    return hashlib.sha256(value.to_bytes((value.bit_length() + 7) // 8, "big")).hexdigest()


p384, rsa4096, ed = g.key("p384"), g.key("rsa4096"), g.key("ed25519")
w("pass-rsa2048.pem", g.good())
w("error-p384-spki-sha256.pem", c.signed(p384))
w("error-rsa4096-bkhash120.pem", c.signed(rsa4096))
w("error-ed25519-bkhash64.pem", c.signed(ed))
raw = g.spki(ed)[-32:]
with open(os.path.join(HERE, "blocklist.txt"), "w") as f:
    f.write("# key.blocklisted test list (made by make.py)\n")
    f.write("# SPKI SHA-256, as Boulder's blockedHashesHex\n")
    f.write(spki_sha256(p384) + "\n\n")
    f.write("# badkeys BKHASH120 of the RSA modulus\n")
    f.write(bkhash(rsa4096.public_key().public_numbers().n)[:30] + "\n")
    f.write("# badkeys lookup.txt line: BKHASH64;path\n")
    f.write(bkhash(int.from_bytes(raw, "big"))[:16] + ";example/ed25519.key\n")
