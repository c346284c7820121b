"""Cases for subject.value-repeated-space. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-trailing-spaces-only": s.req(("OU", "Web  ")),
    "notice-double-space": s.req(("OU", "Web  Team")),
    "notice-space-and-tab": s.req(("L", "Frankfurt \tam Main")),
})
