"""Cases for san.dns.wildcard-not-leftmost. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-leftmost.pem", s.dns_req("*.example.com", "example.com"))
w("error-middle.pem", s.dns_req("www.*.example.com"))
w("error-two-stars.pem", s.dns_req("*.*.example.com"))
