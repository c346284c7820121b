"""Cases for subject.value-empty. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "error-ou-empty-utf8": s.req(("OU", "")),
    "error-l-empty-printable": s.req(("L", g.printable(""))),
    "error-email-empty": s.req(("emailAddress", "")),
})
