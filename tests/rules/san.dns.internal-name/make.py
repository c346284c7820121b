"""Cases for san.dns.internal-name. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-public.pem", s.dns_req("www.example.com"))
w("error-single-label.pem", s.dns_req("intranet"))
w("error-local.pem", s.dns_req("printer.local"))
w("error-internal.pem", s.dns_req("www.example.com", "db.internal"))
w("error-localhost.pem", s.dns_req("localhost"))
w("error-home-arpa.pem", s.dns_req("router.home.arpa"))
w("error-test.pem", s.dns_req("app.test"))
