"""Cases for subject.string-type.not-utf8-or-printable. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-title-bmp-not-in-br-table": s.req(("title", g.bmp("Admin"))),
    "error-cn-bmp": g.good(subject=g.name(("C", "DE"), ("CN", g.bmp("www.example.com")))),
    "error-l-teletex": s.req(("L", g.tlv(0x14, b"M\xfcnchen"))),
})
