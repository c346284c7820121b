"""Cases for san.dns.public-suffix. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-registered.pem", s.dns_req("example.co.uk", "foo.github.io"))
w("error-tld.pem", s.dns_req("com"))
w("error-sld.pem", s.dns_req("www.example.com", "co.uk"))
