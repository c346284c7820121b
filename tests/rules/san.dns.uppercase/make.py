"""Cases for san.dns.uppercase. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-lower.pem", s.dns_req("www.example.com"))
w("warning-upper.pem", s.dns_req("WWW.Example.com"))
w("warning-upper-second.pem", s.dns_req("www.example.com", "Mail.example.com"))
