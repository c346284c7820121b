"""Cases for san.dns.wildcard-public-suffix. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-registered.pem", s.dns_req("*.example.com", "*.example.co.uk"))
w("error-tld.pem", s.dns_req("*.com"))
w("error-cctld-sld.pem", s.dns_req("www.example.co.uk", "*.co.uk"))
w("error-private-suffix.pem", s.dns_req("*.github.io"))
w("error-bare-star.pem", s.dns_req("www.example.com", "*"))
