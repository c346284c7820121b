"""Cases for subject.country.invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

def c(value):
    return g.good(subject=g.name(("C", value), ("O", "Example GmbH"),
                                 ("CN", "www.example.com")))


s.emit(__file__, {
    "pass-de": c("DE"),
    "pass-xx-user-assigned": c("XX"),
    "pass-xk-kosovo": c("XK"),
    "pass-no-country": g.good(subject=g.name(("CN", "www.example.com"))),
    "error-zz": c("ZZ"),
    "error-uk": c("UK"),
    "error-lowercase": c("de"),
    "error-three-letters": c("DEU"),
    "error-digits": c("49"),
    "error-one-letter": c("D"),
    "error-jurisdiction-c": s.req(("1.3.6.1.4.1.311.60.2.1.3", g.printable("EU"))),
})
