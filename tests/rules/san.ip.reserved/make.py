"""Cases for san.ip.reserved. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-public.pem", s.req(g.dns("www.example.com"), g.ip("8.8.8.8"), g.ip("2606:4700:4700::1111")))
w("error-private.pem", s.req(g.dns("www.example.com"), g.ip("192.168.1.10")))
w("error-loopback-v6.pem", s.req(g.dns("www.example.com"), g.ip("::1")))
w("error-documentation.pem", s.req(g.dns("www.example.com"), g.ip("2001:db8::10")))
w("error-cgn.pem", s.req(g.ip("100.64.1.1"), cn="100.64.1.1"))
w("error-mapped.pem", s.req(g.dns("www.example.com"), g.ip("::ffff:8.8.8.8")))
w("error-ula.pem", s.req(g.dns("www.example.com"), g.ip("fd12:3456::1")))
w("error-172-31.pem", s.req(g.dns("www.example.com"), g.ip("172.31.255.255")))
