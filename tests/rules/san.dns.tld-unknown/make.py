"""Cases for san.dns.tld-unknown. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-icann.pem", s.dns_req("www.example.com", "xn--80ak6aa92e.xn--p1ai", "host.example.onion"))
w("pass-internal-left-to-its-rule.pem", s.dns_req("printer.local", "server"))
w("error-corp.pem", s.dns_req("intranet.corp"))
w("error-lan.pem", s.dns_req("www.example.com", "nas.lan"))
