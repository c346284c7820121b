"""Cases for san.dns.rldh-label. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-xn.pem", s.dns_req("xn--mnchen-3ya.de", "a--b.example.com"))
w("error-rldh.pem", s.dns_req("ab--cd.example.com"))
w("error-fake-prefix.pem", s.dns_req("www.example.com", "zz--abc.example.com"))
