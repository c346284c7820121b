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
    "error-openssl-defaults": g.good(subject=g.name(("C", "AU"), ("ST", "Some-State"),
                                                    ("O", "Internet Widgits Pty Ltd"),
                                                    ("CN", "www.example.com"))),
    "error-red-hat-defaults": g.good(subject=g.name(("C", "XX"), ("L", "Default City"),
                                                    ("O", "Default Company Ltd"),
                                                    ("CN", "www.example.com"))),
    "error-keytool-unknown": s.req(("OU", "Unknown")),
    "error-dot": s.req(("ST", ".")),
    "error-dash": s.req(("L", "-")),
    "error-n-a": s.req(("OU", "N/A")),
})
