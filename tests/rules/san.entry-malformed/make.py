"""Cases for san.entry-malformed. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
UPN = g.ctx(0, g.oid("1.3.6.1.4.1.311.20.2.3") + g.ctx(0, g.utf8("alice@example.com")))
w("pass-usual-types.pem", s.req(g.dns("www.example.com"), g.ip("8.8.8.8"), UPN,
                                g.ctx(4, g.name(("CN", "x")))))
w("error-constructed-dns.pem", s.req(g.ctx(2, g.ia5("www.example.com")), cn="www.example.com"))
w("error-othername-no-value.pem", s.req(g.dns("www.example.com"), g.ctx(0, g.oid("1.2.3.4"))))
w("error-othername-implicit.pem", s.req(g.dns("www.example.com"), g.ctx(0, g.oid("1.2.3.4") + g.ctx(0, b"x", constructed=False))))
w("error-email-8bit.pem", s.req(g.dns("www.example.com"), g.email("jörg@example.com")))
w("error-primitive-dirname.pem", s.req(g.dns("www.example.com"), g.ctx(4, b"abc", constructed=False)))
