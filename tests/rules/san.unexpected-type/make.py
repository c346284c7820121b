"""Cases for san.unexpected-type. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-dns-ip.pem", s.req(g.dns("www.example.com"), g.ip("8.8.8.8")))
w("warning-dirname.pem", s.req(g.dns("www.example.com"), g.ctx(4, g.name(("CN", "www.example.com")))))
w("warning-rid.pem", s.req(g.dns("www.example.com"), g.ctx(8, g.oid("1.2.3.4")[2:], constructed=False)))
