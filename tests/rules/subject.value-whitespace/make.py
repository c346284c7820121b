"""Cases for subject.value-whitespace. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-inner-spaces": s.req(("OU", "Web  Team")),
    "warning-leading": s.req(("OU", " Web")),
    "warning-trailing": s.req(("L", "Berlin ")),
    "warning-trailing-nbsp": s.req(("L", "Berlin\u00a0")),
    "warning-only-spaces": s.req(("ST", "   ")),
})
