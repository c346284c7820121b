"""subject_cases.py - shared helpers for the subject.* rule cases (tests/rules/subject.*/).

    import subject_cases as s
    s.emit(__file__, {"pass-basic": s.g.good(), ...}, profile=None)

emit() removes the folder's old .pem files, writes one PEM per case and the profile file.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import csrgen as g  # noqa: E402,F401


def subject(*rdns, cn="www.example.com"):
    """C=DE, O=Example GmbH, the given RDNs, then CN (None: no CN)."""
    parts = [("C", "DE"), ("O", "Example GmbH")] + list(rdns)
    if cn is not None:
        parts.append(("CN", cn))
    return g.name(*parts)


def req(*rdns, cn="www.example.com", sans=None, **kw):
    """A good request whose subject is subject(*rdns, cn=cn); sans: GeneralNames."""
    if sans is None:
        sans = [g.dns(cn if cn else "www.example.com")]
    return g.good(subject=subject(*rdns, cn=cn), exts=[g.san(*sans)], **kw)


def emit(make_py, cases, profile=None):
    d = os.path.dirname(os.path.abspath(make_py))
    for f in os.listdir(d):
        if f.endswith(".pem"):
            os.remove(os.path.join(d, f))
    for name, der in cases.items():
        g.write(os.path.join(d, name + ".pem"), der)
    path = os.path.join(d, "profile")
    if profile:
        with open(path, "w") as f:
            f.write(profile + "\n")
    elif os.path.exists(path):
        os.remove(path)
