"""Cases for subject.attribute-duplicate. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-two-dc": g.good(subject=g.name(("DC", "com"), ("DC", "example"),
                                         ("CN", "www.example.com"))),
    "pass-two-street": s.req(("street", "Hauptstr. 1"), ("street", "Hinterhaus")),
    "error-two-cn": g.good(subject=g.name(("CN", "example.com"), ("CN", "www.example.com")),
                           exts=[g.san(g.dns("example.com"), g.dns("www.example.com"))]),
    "error-two-ou": s.req(("OU", "Web"), ("OU", "IT")),
    "error-two-o-same-rdn": g.good(subject=g.name([("O", "A"), ("O", "B")],
                                                  ("CN", "www.example.com"))),
})
