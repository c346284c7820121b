"""Cases for subject.string-type.not-directory-string. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-bmp-is-legacy-only": s.req(("OU", g.bmp("Web"))),
    "pass-unknown-type-ia5": s.req(("2.5.4.999", g.ia5("x"))),
    "error-cn-ia5": g.good(subject=g.name(("C", "DE"), ("CN", g.ia5("www.example.com")))),
    "error-o-octet-string": g.good(subject=g.name(("C", "DE"), ("O", g.octets(b"Example")),
                              ("CN", "www.example.com"))),
    "error-l-visible": s.req(("L", g.tlv(0x1A, b"Berlin"))),
})
