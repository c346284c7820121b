"""Cases for san.dns.label-too-long. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-63.pem", s.dns_req("a" * 63 + ".example.com"))
w("error-64.pem", s.dns_req("a" * 64 + ".example.com"))
w("error-second-label.pem", s.dns_req("www." + "b" * 70 + ".com", cn="www.example.com"))
