"""Cases for subject.attribute-too-long. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

LONG_CN = "a" * 61 + ".com"                     # 65 characters
s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-ou-64-chars-128-bytes": s.req(("OU", "é" * 64)),   # characters, not bytes
    "pass-surname-100": s.req(("SN", "S" * 100)),             # ub-name is 32768
    "error-cn-65": s.req(cn=LONG_CN),
    "error-o-65": g.good(subject=g.name(("C", "DE"), ("O", "O" * 65),
                                        ("CN", "www.example.com"))),
    "error-l-129-bmp": s.req(("L", g.bmp("L" * 129))),
    "error-email-256": s.req(("emailAddress", "a" * 244 + "@example.com")),
})
