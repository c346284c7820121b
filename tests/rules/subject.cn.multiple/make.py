"""Cases for subject.cn.multiple. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-two-ou": s.req(("OU", "Web"), ("OU", "IT")),
    "warning-two-cn": g.good(subject=g.name(("CN", "example.com"), ("CN", "www.example.com")),
                             exts=[g.san(g.dns("example.com"), g.dns("www.example.com"))]),
}, profile="rfc")
