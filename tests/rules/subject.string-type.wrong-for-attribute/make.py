"""Cases for subject.string-type.wrong-for-attribute. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-email-dc-ia5": g.good(subject=g.name(("DC", "com"), ("DC", "example"),
                                               ("CN", "www.example.com"),
                                               ("emailAddress", "admin@example.com"))),
    "error-country-utf8": g.good(subject=g.name(("C", g.utf8("DE")),
                                                ("CN", "www.example.com"))),
    "error-serial-utf8": s.req(("serialNumber", g.utf8("HRB 12345"))),
    "error-email-utf8": s.req(("emailAddress", g.utf8("admin@example.com"))),
    "error-dc-printable": g.good(subject=g.name(("DC", g.printable("com")),
                                                ("CN", "www.example.com"))),
})
