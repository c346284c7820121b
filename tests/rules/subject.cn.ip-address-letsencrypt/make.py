"""Cases for subject.cn.ip-address-letsencrypt. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-ip-in-san-only": g.good(subject=g.name(), exts=[g.san(g.ip("192.0.2.10"),
                                                              critical=True)]),
    "error-ipv4": s.req(cn="192.0.2.10", sans=[g.ip("192.0.2.10")]),
    "error-ipv6": s.req(cn="2001:db8::10", sans=[g.ip("2001:db8::10")]),
}, profile="letsencrypt")
