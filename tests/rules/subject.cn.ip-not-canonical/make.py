"""Cases for subject.cn.ip-not-canonical. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import subject_cases as s  # noqa: E402

g = s.g

def cn_ip(text, addr):
    return s.req(cn=text, sans=[g.ip(addr)])


s.emit(__file__, {
    "pass-basic": s.req(),
    "pass-ipv4": cn_ip("192.0.2.10", "192.0.2.10"),
    "pass-ipv6": cn_ip("2001:db8::10", "2001:db8::10"),
    "pass-ipv6-first-of-equal-runs": cn_ip("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
    "pass-ipv4-mapped-mixed": cn_ip("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
    "error-upper-case": cn_ip("2001:DB8::10", "2001:db8::10"),
    "error-not-shortened": cn_ip("2001:db8:0:0:0:0:0:10", "2001:db8::10"),
    "error-leading-zeros": cn_ip("2001:0db8::0010", "2001:db8::10"),
    "error-single-zero-shortened": cn_ip("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
})
