"""Cases for san.other-name. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
UPN = g.ctx(0, g.oid("1.3.6.1.4.1.311.20.2.3") + g.ctx(0, g.utf8("alice@example.com")))
SMTP = g.ctx(0, g.oid("1.3.6.1.5.5.7.8.9") + g.ctx(0, g.utf8("jörg@example.com")))
w("pass-dns.pem", s.dns_req("www.example.com"))
w("warning-upn.pem", s.req(g.dns("www.example.com"), UPN))
w("warning-smtputf8.pem", s.req(g.dns("www.example.com"), SMTP))
