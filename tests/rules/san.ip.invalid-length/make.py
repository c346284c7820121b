"""Cases for san.ip.invalid-length. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-v4-v6.pem", s.req(g.dns("www.example.com"), g.ip("8.8.8.8"), g.ip("2001:4860:4860::8888")))
w("error-5-octets.pem", s.req(g.dns("www.example.com"), g.ctx(7, b"\x08\x08\x08\x08\x00", constructed=False)))
w("error-with-netmask.pem", s.req(g.dns("www.example.com"), g.ctx(7, b"\x08\x08\x08\x00\xff\xff\xff\x00", constructed=False)))
w("error-empty.pem", s.req(g.dns("www.example.com"), g.ctx(7, b"", constructed=False)))
