"""make.py - one request per defect that `csrlint fix` repairs, named after the rule that
reports it, plus clean requests for the round trip. Signed with tests/rules/keys/rsa2048.pem
(or the key named in the case), so tests/gen/test_fix.sh can re-sign them.
Run: /usr/bin/python3 tests/gen/defects/make.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "rules"))
import csrgen as g  # noqa: E402

S = g.name(("C", "DE"), ("O", "Example GmbH"), ("CN", "www.example.com"))
SAN = g.san(g.dns("www.example.com"))
KU = g.key_usage(0, 2)

CASES = {
    "san.dns.uppercase": dict(exts=[g.san(g.dns("WWW.Example.com")), KU]),
    "san.dns.trailing-dot": dict(exts=[g.san(g.dns("www.example.com."), g.dns("example.com")),
                                       KU]),
    "san.duplicate": dict(exts=[g.san(g.dns("www.example.com"), g.dns("www.example.com"))]),
    "subject.cn.not-in-san": dict(exts=[g.san(g.dns("example.com")), KU]),
    "san.missing": dict(exts=[KU]),
    "attr.challenge-password.present": dict(attrs=[g.challenge_password("secret")],
                                            exts=[SAN]),
    "subject.string-type.legacy": dict(subject=g.name(("C", "DE"), ("O", g.bmp("Example GmbH")),
                                                      ("CN", "www.example.com")), exts=[SAN]),
    "subject.country.invalid": dict(subject=g.name(("C", "de"), ("O", "Example GmbH"),
                                                   ("CN", "www.example.com")), exts=[SAN]),
    "subject.value-whitespace": dict(subject=g.name(("C", "DE"), ("O", " Example GmbH "),
                                                    ("CN", "www.example.com")), exts=[SAN]),
    "subject.rdn.multi-valued": dict(subject=g.name([("O", "Example GmbH"), ("C", "DE")],
                                                    ("CN", "www.example.com")), exts=[SAN]),
    "subject.attribute-duplicate": dict(subject=g.name(("C", "DE"), ("O", "Example GmbH"),
                                                       ("O", "Example GmbH"),
                                                       ("CN", "www.example.com")), exts=[SAN]),
    "subject.email-address-present": dict(subject=g.name(("C", "DE"), ("CN", "www.example.com"),
                                                         ("emailAddress", "a@example.com")),
                                          exts=[SAN]),
    "ext.san.criticality": dict(exts=[g.san(g.dns("www.example.com"), critical=True)]),
    "sig.hash-weak": dict(exts=[SAN], hash_name="sha1"),
}


def main():
    for rule, kw in CASES.items():
        kw.setdefault("subject", S)
        g.write(os.path.join(HERE, rule + ".pem"), g.csr(**kw))
    g.write(os.path.join(HERE, "clean-rsa2048.pem"), g.good())
    g.write(os.path.join(HERE, "clean-p256.pem"), g.good(k=g.key("p256")))
    # a non-minimal length inside the subject (81 0f instead of 0f)
    cn = g.seq(g.oid("2.5.4.3"), b"\x0c\x81\x0f" + b"www.example.com")
    subj = g.seq(g.set_(g.ava("C", "DE")), g.set_(cn))
    g.write(os.path.join(HERE, "der.length-not-minimal.pem"), g.csr(subject=subj, exts=[SAN]))


main()
