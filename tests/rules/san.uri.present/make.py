"""Cases for san.uri.present. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-dns.pem", s.dns_req("www.example.com"))
w("warning-uri.pem", s.req(g.dns("www.example.com"), g.uri("https://www.example.com/")))
w("warning-spiffe.pem", s.req(g.dns("www.example.com"), g.uri("spiffe://example.org/ns/default/sa/web")))
