"""Cases for subject.placeholder-value. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-xx-alone": g.good(subject=g.name(("C", "XX"), ("O", "Example GmbH"),
                                           ("CN", "www.example.com"))),
    "pass-dotted-name": s.req(("OU", "R&D")),
    "warning-openssl-defaults": g.good(subject=g.name(("C", "AU"), ("ST", "Some-State"),
                                                    ("O", "Internet Widgits Pty Ltd"),
                                                    ("CN", "www.example.com"))),
    "warning-red-hat-defaults": g.good(subject=g.name(("C", "XX"), ("L", "Default City"),
                                                    ("O", "Default Company Ltd"),
                                                    ("CN", "www.example.com"))),
    "warning-keytool-unknown": s.req(("OU", "Unknown")),
    "warning-dot": s.req(("ST", ".")),
    "warning-dash": s.req(("L", "-")),
    "warning-n-a": s.req(("OU", "N/A")),
})
