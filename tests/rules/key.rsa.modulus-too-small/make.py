"""Cases for key.rsa.modulus-too-small. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-rsa2048.pem", g.good())
w("pass-rsa4096.pem", g.good(k=g.key("rsa4096")))
w("pass-p256.pem", g.good(k=g.key("p256")))
w("error-rsa1024.pem", g.good(k=g.key("rsa1024")))
w("error-rsa2040.pem", s.good_with(s.new_rsa(2040)))
# A 2048-bit modulus written with a leading zero byte is still 2048 bits (pass), while a
# 512-bit key made by openssl is far too small.
k = g.key("rsa2048")
n, e = s.rsa_numbers(k)
padded = g.tlv(0x02, b"\x00" + n.to_bytes(257, "big"))
w("pass-padded-2048.pem", s.sign_rsa(k, s.tbs(s.rsa_spki(padded, e))))
w("error-rsa512.pem", s.openssl_req(["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512"]))
