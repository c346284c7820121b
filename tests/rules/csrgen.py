"""csrgen.py - the project's DER builder for rule test data.

Builds certification requests from parts, so that a test case can hold exactly the defect it
is about (a non-minimal length, a bad country code, a wildcard in the wrong place) and still
carry a valid signature. Used by tests/rules/<rule-id>/make.py; run those with the python3
that has pyca/cryptography (Debian: python3-cryptography).

    import csrgen as g
    g.write("pass-basic.pem", g.csr(subject=g.name(("CN", "www.example.com")),
                                    exts=[g.san(g.dns("www.example.com"))]))

Every encoder returns bytes. Pass raw bytes anywhere to inject a hand-made encoding.
"""
import base64
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))


# ---- DER primitives -------------------------------------------------------------------------

def length(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    """tag: the identifier octet(s) as an int (< 256) or bytes."""
    t = bytes([tag]) if isinstance(tag, int) else tag
    return t + length(len(content)) + content


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_(*items, sort=True):
    """SET OF in DER order (sorted encodings) unless sort=False."""
    items = sorted(items) if sort else list(items)
    return tlv(0x31, b"".join(items))


def integer(n):
    if n == 0:
        return tlv(0x02, b"\x00")
    size = (n.bit_length() + 8) // 8 if n > 0 else ((-n - 1).bit_length() + 8) // 8
    return tlv(0x02, n.to_bytes(size, "big", signed=True))


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = [40 * arcs[0] + arcs[1]] + arcs[2:]
    out = b""
    for a in body:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, out)


def null():
    return b"\x05\x00"


def boolean(v):
    return tlv(0x01, b"\xff" if v else b"\x00")


def octets(b):
    return tlv(0x04, b)


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def utf8(s):
    return tlv(0x0C, s.encode() if isinstance(s, str) else s)


def printable(s):
    return tlv(0x13, s.encode() if isinstance(s, str) else s)


def ia5(s):
    return tlv(0x16, s.encode() if isinstance(s, str) else s)


def bmp(s):
    return tlv(0x1E, s.encode("utf-16-be") if isinstance(s, str) else s)


def ctx(n, content, constructed=True):
    return tlv((0xA0 if constructed else 0x80) | n, content)


# ---- Names ------------------------------------------------------------------------------------

ATTR = {"CN": "2.5.4.3", "SN": "2.5.4.4", "serialNumber": "2.5.4.5", "C": "2.5.4.6",
        "L": "2.5.4.7", "ST": "2.5.4.8", "street": "2.5.4.9", "O": "2.5.4.10",
        "OU": "2.5.4.11", "title": "2.5.4.12", "postalCode": "2.5.4.17", "GN": "2.5.4.42",
        "emailAddress": "1.2.840.113549.1.9.1", "DC": "0.9.2342.19200300.100.1.25",
        "UID": "0.9.2342.19200300.100.1.1"}


def ava(typ, value):
    """typ: a short name from ATTR or a dotted OID; value: str (PrintableString for C and
    serialNumber when it fits, UTF8String otherwise, IA5String for emailAddress/DC) or bytes
    (an encoded value)."""
    t = ATTR.get(typ, typ)
    if isinstance(value, str):
        if typ in ("emailAddress", "DC"):
            value = ia5(value)
        elif typ in ("C", "serialNumber"):
            value = printable(value)
        else:
            value = utf8(value)
    return seq(oid(t), value)


def name(*rdns):
    """name(("C", "US"), ("CN", "x")) - one AVA per RDN; pass a list of pairs for a
    multi-valued RDN; pass bytes for a hand-made RDN."""
    out = []
    for r in rdns:
        if isinstance(r, bytes):
            out.append(r)
        elif isinstance(r, list):
            out.append(set_(*[ava(t, v) for t, v in r]))
        else:
            out.append(set_(ava(*r)))
    return seq(*out)


# ---- Extensions and attributes ----------------------------------------------------------------

def dns(s):
    return ctx(2, s.encode(), constructed=False)


def email(s):
    return ctx(1, s.encode(), constructed=False)


def uri(s):
    return ctx(6, s.encode(), constructed=False)


def ip(s):
    import ipaddress
    return ctx(7, ipaddress.ip_address(s).packed, constructed=False)


def ext(oid_dotted, value, critical=None):
    """critical=None omits the BOOLEAN (the DER form of FALSE)."""
    parts = [oid(oid_dotted)]
    if critical is not None:
        parts.append(boolean(critical))
    parts.append(octets(value))
    return seq(*parts)


def san(*names, critical=None):
    return ext("2.5.29.17", seq(*names), critical)


def key_usage(*bit_numbers, critical=True):
    """KeyUsage with the given bit numbers (digitalSignature = 0), trailing zeros dropped."""
    n = max(bit_numbers) + 1 if bit_numbers else 0
    nbytes = (n + 7) // 8
    val = bytearray(nbytes)
    for b in bit_numbers:
        val[b // 8] |= 0x80 >> (b % 8)
    return ext("2.5.29.15", bits(bytes(val), nbytes * 8 - n), critical)


def eku(*oids, critical=None):
    return ext("2.5.29.37", seq(*[oid(o) for o in oids]), critical)


def basic_constraints(ca, pathlen=None, critical=True):
    parts = [boolean(True)] if ca else []
    if pathlen is not None:
        parts.append(integer(pathlen))
    return ext("2.5.29.19", seq(*parts), critical)


def attribute(oid_dotted, *values):
    return seq(oid(oid_dotted), set_(*values, sort=False))


def ext_request(*exts):
    return attribute("1.2.840.113549.1.9.14", seq(*exts))


def challenge_password(s):
    return attribute("1.2.840.113549.1.9.7", utf8(s) if isinstance(s, str) else s)


# ---- Keys and signing -------------------------------------------------------------------------

def key(name="rsa2048"):
    with open(os.path.join(HERE, "keys", name + ".pem"), "rb") as f:
        return serialization.load_pem_private_key(f.read(), None)


def spki(k):
    return k.public_key().public_bytes(serialization.Encoding.DER,
                                       serialization.PublicFormat.SubjectPublicKeyInfo)


SIGALG = {
    ("rsa", "sha256"): seq(oid("1.2.840.113549.1.1.11"), null()),
    ("rsa", "sha384"): seq(oid("1.2.840.113549.1.1.12"), null()),
    ("rsa", "sha512"): seq(oid("1.2.840.113549.1.1.13"), null()),
    ("rsa", "sha1"): seq(oid("1.2.840.113549.1.1.5"), null()),
    ("ec", "sha256"): seq(oid("1.2.840.10045.4.3.2")),
    ("ec", "sha384"): seq(oid("1.2.840.10045.4.3.3")),
    ("ec", "sha1"): seq(oid("1.2.840.10045.4.1")),
    ("ed25519", None): seq(oid("1.3.101.112")),
}
HASHES = {"sha1": hashes.SHA1, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
          "sha512": hashes.SHA512}


def sign(k, tbs, hash_name="sha256", sigalg=None):
    """Signs the CertificationRequestInfo bytes; returns the whole CertificationRequest."""
    if isinstance(k, rsa.RSAPrivateKey):
        kind = "rsa"
        sig = k.sign(tbs, padding.PKCS1v15(), HASHES[hash_name]())
    elif isinstance(k, ec.EllipticCurvePrivateKey):
        kind = "ec"
        sig = k.sign(tbs, ec.ECDSA(HASHES[hash_name]()))
    else:
        kind, hash_name = "ed25519", None
        sig = k.sign(tbs)
    return seq(tbs, sigalg or SIGALG[(kind, hash_name)], bits(sig))


def cri(subject, pubkey, attrs=(), version=0, attrs_field=True):
    parts = [integer(version) if isinstance(version, int) else version, subject, pubkey]
    if attrs_field:
        parts.append(ctx(0, b"".join(sorted(attrs))))
    return seq(*parts)


def csr(subject=None, exts=None, attrs=(), k=None, hash_name="sha256", version=0,
        sigalg=None, attrs_field=True):
    """A signed request. subject defaults to CN=www.example.com; exts (a list of ext()
    encodings) become one extensionRequest attribute; attrs are extra attributes."""
    k = k or key()
    if subject is None:
        subject = name(("CN", "www.example.com"))
    a = list(attrs)
    if exts:
        a.append(ext_request(*exts))
    return sign(k, cri(subject, spki(k), a, version, attrs_field), hash_name, sigalg)


def good(**kw):
    """A request that passes the tls-server profile: RSA-2048, SHA-256, CN among the SANs."""
    kw.setdefault("subject", name(("C", "DE"), ("O", "Example GmbH"), ("CN", "www.example.com")))
    kw.setdefault("exts", [san(dns("www.example.com"))])
    return csr(**kw)


def pem(der):
    b = base64.b64encode(der).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return ("-----BEGIN CERTIFICATE REQUEST-----\n" + "\n".join(lines) +
            "\n-----END CERTIFICATE REQUEST-----\n").encode()


def write(path, der, raw=False):
    """Writes der as PEM (or as DER bytes when raw=True) beside the calling make.py."""
    with open(path, "wb") as f:
        f.write(der if raw else pem(der))
