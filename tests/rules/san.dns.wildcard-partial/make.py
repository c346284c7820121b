"""Cases for san.dns.wildcard-partial. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-leftmost.pem", s.dns_req("*.example.com"))
w("error-prefix.pem", s.dns_req("w*.example.com"))
w("error-suffix.pem", s.dns_req("*w.example.com"))
