"""Cases for subject.rdn.multi-valued. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "error-o-plus-ou": g.good(subject=g.name(("C", "DE"), [("O", "Example GmbH"), ("OU", "Web")],
                                             ("CN", "www.example.com"))),
    "error-cn-plus-serial": g.good(subject=g.name([("CN", "www.example.com"),
                                                   ("serialNumber", "1")])),
})
