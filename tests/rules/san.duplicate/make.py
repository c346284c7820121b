"""Cases for san.duplicate. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-distinct.pem", s.req(g.dns("www.example.com"), g.dns("example.com"), g.ip("8.8.8.8")))
w("warning-same-dns.pem", s.dns_req("www.example.com", "example.com", "www.example.com"))
w("warning-case.pem", s.dns_req("www.example.com", "WWW.example.com"))
w("warning-same-ip.pem", s.req(g.dns("www.example.com"), g.ip("8.8.8.8"), g.ip("8.8.8.8")))
