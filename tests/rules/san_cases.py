"""san_cases.py - shared helpers for the make.py scripts of the san.* rules.

    import san_cases as s
    w = s.writer(__file__)
    w("pass-basic.pem", s.req(s.g.dns("www.example.com")))
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import csrgen as g  # noqa: E402,F401


def req(*names, cn=None, extra_exts=(), **kw):
    """A request that is good apart from its SAN: RSA-2048, SHA-256, C/O/CN subject, one SAN
    holding the encoded GeneralNames `names`. cn defaults to the first dNSName given."""
    if cn is None:
        for n in names:
            if n[:1] == b"\x82":
                cn = n[2:].decode("latin-1") if n[1] < 0x80 else None
                break
    rdns = [("C", "DE"), ("O", "Example GmbH")]
    if cn:
        rdns.append(("CN", cn))
    kw.setdefault("subject", g.name(*rdns))
    return g.good(exts=[g.san(*names)] + list(extra_exts), **kw)


def dns_req(*names, **kw):
    """req() with each name a dNSName (str)."""
    return req(*[g.dns(n) for n in names], **kw)


def writer(make_py):
    """Returns w(file_name, der) writing beside the make.py given as __file__."""
    here = os.path.dirname(os.path.abspath(make_py))

    def w(fname, der):
        g.write(os.path.join(here, fname), der)
    return w


def profile(make_py, name):
    """Writes the profile file of the case folder."""
    with open(os.path.join(os.path.dirname(os.path.abspath(make_py)), "profile"), "w") as f:
        f.write(name + "\n")
