"""Cases for subject.attribute-too-long-br. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-cn-65-is-rfc-rule": s.req(cn="a" * 61 + ".com"),
    "pass-postalcode-40": s.req(("postalCode", "1" * 40)),
    "error-postalcode-41": s.req(("postalCode", "1" * 41)),
    "error-dc-64": g.good(subject=g.name(("DC", "d" * 64), ("DC", "com"),
                                         ("CN", "www.example.com"))),
    "error-surname-65": s.req(("SN", "S" * 65)),
    "error-street-129": s.req(("street", "Hauptstrasse " * 10)),
})
