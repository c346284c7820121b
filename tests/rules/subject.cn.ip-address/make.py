"""Cases for subject.cn.ip-address. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-dotted-name": s.req(cn="192.0.2.example.com"),
    "warning-ipv4": s.req(cn="192.0.2.10", sans=[g.ip("192.0.2.10")]),
    "warning-ipv6": s.req(cn="2001:db8::10", sans=[g.ip("2001:db8::10")]),
})
