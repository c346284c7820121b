"""Cases for subject.value-control-character. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-non-ascii": s.req(("L", "München"), ("OU", "Straße & Söhne")),
    "warning-newline": s.req(("OU", "Web\nTeam")),
    "warning-nul": s.req(("OU", g.printable(b"Web\x00Team"))),
    "warning-rtl-override": s.req(("OU", "Web\u202eTeam")),
    "warning-c1": s.req(("L", g.tlv(0x14, b"Berlin\x85"))),
})
