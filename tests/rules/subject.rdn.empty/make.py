"""Cases for subject.rdn.empty. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "error-empty-set": g.good(subject=g.name(("C", "DE"), b"\x31\x00",
                                             ("CN", "www.example.com"))),
}, profile="rfc")
