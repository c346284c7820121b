"""sigkey_cases.py - shared helpers for the make.py scripts of the sig.* and key.* rules:
hand-made SubjectPublicKeyInfos, signing with algorithms csrgen.sign does not cover (PSS,
DSA, Ed448, MD5), and requests made by openssl for keys the committed test keys lack.

    import sigkey_cases as s
    w = s.writer(__file__)
    w("pass-rsa.pem", s.g.good())
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrgen as g  # noqa: E402

from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import (  # noqa: E402
    dsa, ec, ed448, padding, rsa, x25519)

SUBJECT = g.name(("C", "DE"), ("O", "Example GmbH"), ("CN", "www.example.com"))
EXTS = [g.san(g.dns("www.example.com"))]
OID = {"sha1": "1.3.14.3.2.26", "sha224": "2.16.840.1.101.3.4.2.4",
       "sha256": "2.16.840.1.101.3.4.2.1", "sha384": "2.16.840.1.101.3.4.2.2",
       "sha512": "2.16.840.1.101.3.4.2.3"}
HASH = {"md5": hashes.MD5, "sha1": hashes.SHA1, "sha224": hashes.SHA224,
        "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
RSA_OID = {"md5": "1.2.840.113549.1.1.4", "sha1": "1.2.840.113549.1.1.5",
           "sha224": "1.2.840.113549.1.1.14", "sha256": "1.2.840.113549.1.1.11",
           "sha384": "1.2.840.113549.1.1.12", "sha512": "1.2.840.113549.1.1.13"}
ECDSA_OID = {"sha1": "1.2.840.10045.4.1", "sha224": "1.2.840.10045.4.3.1",
             "sha256": "1.2.840.10045.4.3.2", "sha384": "1.2.840.10045.4.3.3",
             "sha512": "1.2.840.10045.4.3.4"}
DSA_OID = {"sha1": "1.2.840.10040.4.3", "sha256": "2.16.840.1.101.3.4.3.2"}


def writer(make_py):
    here = os.path.dirname(os.path.abspath(make_py))
    for f in os.listdir(here):
        if f.endswith(".pem") or f.endswith(".der"):
            os.remove(os.path.join(here, f))
    return lambda name, der: g.write(os.path.join(here, name), der)


def tbs(pubkey, subject=SUBJECT, exts=EXTS):
    """CertificationRequestInfo around a (possibly hand-made) SubjectPublicKeyInfo."""
    return g.cri(subject, pubkey, [g.ext_request(*exts)] if exts else [])


def assemble(info, sigalg, sig):
    return g.seq(info, sigalg, g.bits(sig))


def rsa_spki(n, e, alg=None):
    """SubjectPublicKeyInfo of an RSA key with any n and e (ints or raw INTEGER TLVs)."""
    alg = alg or g.seq(g.oid("1.2.840.113549.1.1.1"), g.null())
    body = g.seq(n if isinstance(n, bytes) else g.integer(n),
                 e if isinstance(e, bytes) else g.integer(e))
    return g.seq(alg, g.bits(body))


def rsa_numbers(k):
    pn = k.public_key().public_numbers()
    return pn.n, pn.e


def sign_rsa(k, info, hash_name="sha256", sigalg=None):
    sig = k.sign(info, padding.PKCS1v15(), HASH[hash_name]())
    return assemble(info, sigalg or g.seq(g.oid(RSA_OID[hash_name]), g.null()), sig)


def sign_ecdsa(k, info, hash_name="sha256", sigalg=None):
    sig = k.sign(info, ec.ECDSA(HASH[hash_name]()))
    return assemble(info, sigalg or g.seq(g.oid(ECDSA_OID[hash_name])), sig)


def hash_alg(name):
    return g.seq(g.oid(OID[name]), g.null())


def pss_params(hash_name="sha256", mgf_hash=None, salt=None, trailer=None, omit=()):
    """RSASSA-PSS-params; omit lists the fields (0-3) to leave out (their DEFAULT applies)."""
    mgf_hash = mgf_hash or hash_name
    salt = salt if salt is not None else HASH[hash_name].digest_size
    fields = [g.ctx(0, hash_alg(hash_name)),
              g.ctx(1, g.seq(g.oid("1.2.840.113549.1.1.8"), hash_alg(mgf_hash))),
              g.ctx(2, g.integer(salt)),
              g.ctx(3, g.integer(trailer)) if trailer is not None else b""]
    return g.seq(*[f for i, f in enumerate(fields) if i not in omit])


def sign_pss(k, info, hash_name="sha256", mgf_hash=None, salt=None, params=None,
             pubkey_alg=None):
    """RSASSA-PSS signature; params=b"" leaves the parameters out of the AlgorithmIdentifier."""
    mgf_hash = mgf_hash or hash_name
    salt = salt if salt is not None else HASH[hash_name].digest_size
    sig = k.sign(info, padding.PSS(padding.MGF1(HASH[mgf_hash]()), salt), HASH[hash_name]())
    if params is None:
        params = pss_params(hash_name, mgf_hash, salt)
    return assemble(info, g.seq(g.oid("1.2.840.113549.1.1.10"), params), sig)


def pss_key_spki(k, params=b""):
    """The RSA key as an id-RSASSA-PSS SubjectPublicKeyInfo (params b"": none)."""
    n, e = rsa_numbers(k)
    return rsa_spki(n, e, alg=g.seq(g.oid("1.2.840.113549.1.1.10"), params))


def dsa_key(bits=2048):
    return dsa.generate_private_key(bits)


def sign_dsa(k, info, hash_name="sha256"):
    sig = k.sign(info, HASH[hash_name]())
    return assemble(info, g.seq(g.oid(DSA_OID[hash_name])), sig)


def ed448_csr(info_for):
    k = ed448.Ed448PrivateKey.generate()
    info = info_for(g.spki(k))
    return assemble(info, g.seq(g.oid("1.3.101.113")), k.sign(info))


def new_rsa(bits, e=65537):
    return rsa.generate_private_key(e, bits)


def new_ec(curve):
    return ec.generate_private_key(curve)


def good_with(k, hash_name="sha256"):
    """A good request (C/O/CN, one SAN) for a cryptography private key (RSA or EC)."""
    info = tbs(g.spki(k))
    if isinstance(k, rsa.RSAPrivateKey):
        return sign_rsa(k, info, hash_name)
    return sign_ecdsa(k, info, hash_name)


def openssl_req(genpkey_args, key_conv=None):
    """A request made by openssl with a fresh key: `openssl genpkey <genpkey_args>`, then
    optionally `openssl <key_conv...> -in key -out key2` (e.g. ["ec", "-param_enc",
    "explicit"]), then `openssl req -new` with the usual subject and SAN. Returns DER."""
    with tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "k.pem")
        subprocess.run(["openssl", "genpkey", *genpkey_args, "-out", key], check=True,
                       capture_output=True)
        if key_conv:
            key2 = os.path.join(d, "k2.pem")
            subprocess.run(["openssl", *key_conv, "-in", key, "-out", key2], check=True,
                           capture_output=True)
            key = key2
        return subprocess.run(
            ["openssl", "req", "-new", "-key", key, "-sha256", "-outform", "DER",
             "-subj", "/C=DE/O=Example GmbH/CN=www.example.com",
             "-addext", "subjectAltName=DNS:www.example.com"],
            check=True, capture_output=True).stdout


def flip_sig_byte(der, from_end=10):
    """The request with one byte of its signature flipped (the signature is at the end)."""
    b = bytearray(der)
    b[-from_end] ^= 0x01
    return bytes(b)
