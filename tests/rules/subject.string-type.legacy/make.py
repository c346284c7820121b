"""Cases for subject.string-type.legacy. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-printable": s.req(("OU", g.printable("Web"))),
    "warning-cn-bmp": g.good(subject=g.name(("C", "DE"), ("CN", g.bmp("www.example.com")))),
    "warning-l-teletex": s.req(("L", g.tlv(0x14, b"M\xfcnchen"))),
    "warning-ou-universal": s.req(("OU", g.tlv(0x1C, "Web".encode("utf-32-be")))),
}, profile="rfc")
