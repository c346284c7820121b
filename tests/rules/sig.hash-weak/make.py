"""Cases for sig.hash-weak. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

w("pass-sha256.pem", g.good())
w("pass-ecdsa-sha384.pem", g.good(k=g.key("p384"), hash_name="sha384"))
k = g.key("rsa2048")
w("pass-pss-sha256.pem", s.sign_pss(k, s.tbs(g.spki(k))))
w("error-sha1-rsa.pem", g.good(hash_name="sha1"))
w("error-sha1-ecdsa.pem", g.good(k=g.key("p256"), hash_name="sha1"))
w("error-md5-rsa.pem", s.sign_rsa(k, s.tbs(g.spki(k)), "md5"))
# md2WithRSAEncryption (not signable today; the rule reads the algorithm only).
w("error-md2-rsa.pem", g.good(sigalg=g.seq(g.oid("1.2.840.113549.1.1.2"), g.null())))
# RSASSA-PSS with empty parameters: every field defaults to SHA-1.
w("error-pss-default-sha1.pem", s.sign_pss(k, s.tbs(g.spki(k)), "sha1", params=g.seq()))
# RSASSA-PSS with SHA-256 but MGF1 with SHA-1.
w("error-pss-mgf1-sha1.pem", s.sign_pss(k, s.tbs(g.spki(k)), "sha256", mgf_hash="sha1"))
