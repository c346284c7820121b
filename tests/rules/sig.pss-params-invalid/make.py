"""Cases for sig.pss-params-invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import sigkey_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)

k = g.key("rsa2048")
info = s.tbs(g.spki(k))
w("pass-pss-sha256.pem", s.sign_pss(k, info))
w("pass-pss-sha384.pem", s.sign_pss(k, info, "sha384"))
w("pass-pkcs1.pem", g.good())
# PSS key restricted to SHA-256 / salt 32, signature within the restriction.
pk_info = s.tbs(s.pss_key_spki(k, s.pss_params("sha256")))
w("pass-pss-key.pem", s.sign_pss(k, pk_info))
w("error-no-params.pem", s.sign_pss(k, info, "sha1", params=b""))
w("error-null-params.pem", s.sign_pss(k, info, "sha1", params=g.null()))
w("error-trailer-2.pem", s.sign_pss(k, info, params=s.pss_params(trailer=2)))
# PSS key restricted to SHA-384, signature with SHA-256.
pk384 = s.tbs(s.pss_key_spki(k, s.pss_params("sha384")))
w("error-key-restricted-hash.pem", s.sign_pss(k, pk384))
# PSS key requiring salts of at least 32 bytes, signature with 20.
w("error-key-restricted-salt.pem", s.sign_pss(k, pk_info, salt=20))
