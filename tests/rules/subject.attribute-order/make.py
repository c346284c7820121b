"""Cases for subject.attribute-order. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-openssl-order": g.good(subject=g.name(("C", "DE"), ("ST", "Berlin"), ("L", "Berlin"),
                              ("O", "Example GmbH"), ("OU", "Web"),
                              ("CN", "www.example.com"), ("emailAddress", "a@example.com"))),
    "pass-serial-anywhere": g.good(subject=g.name(("serialNumber", "1"), ("C", "DE"),
                                                  ("CN", "www.example.com"))),
    "warning-cn-first": g.good(subject=g.name(("CN", "www.example.com"), ("O", "Example GmbH"),
                                              ("C", "DE"))),
    "warning-l-before-st": s.req(("L", "Berlin"), ("ST", "Berlin")),
})
