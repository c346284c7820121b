"""Cases for san.dns.too-many-labels. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
s.profile(__file__, "letsencrypt")
w("pass-10.pem", s.dns_req("a.b.c.d.e.f.g.h.example.com"))
w("error-11.pem", s.dns_req("a.b.c.d.e.f.g.h.i.example.com"))
