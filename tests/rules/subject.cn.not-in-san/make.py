"""Cases for subject.cn.not-in-san. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-no-cn": g.good(subject=g.name(("C", "DE"), ("O", "Example GmbH"))),
    "pass-case-differs": s.req(cn="WWW.Example.COM", sans=[g.dns("www.example.com")]),
    "pass-wildcard": s.req(cn="*.example.com", sans=[g.dns("*.example.com")]),
    "pass-ipv4": s.req(cn="192.0.2.10", sans=[g.ip("192.0.2.10")]),
    "pass-ipv6": s.req(cn="2001:db8::10", sans=[g.dns("example.com"), g.ip("2001:db8::10")]),
    "warning-cn-elsewhere": s.req(cn="www.example.com", sans=[g.dns("example.com")]),
    "warning-no-san": g.csr(subject=s.subject()),
    "warning-ip-not-in-san": s.req(cn="192.0.2.10", sans=[g.ip("192.0.2.11")]),
    "warning-second-cn": g.good(subject=g.name(("CN", "www.example.com"), ("CN", "mail.example.com"))),
})
