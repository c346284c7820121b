"""Cases for san.dns.empty-label. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-normal.pem", s.dns_req("www.example.com", "example.com"))
w("pass-trailing-dot.pem", s.dns_req("www.example.com."))
w("error-double-dot.pem", s.dns_req("www..example.com"))
w("error-leading-dot.pem", s.dns_req(".example.com"))
w("error-empty.pem", s.dns_req("www.example.com", ""))
w("error-dot.pem", s.dns_req("www.example.com", "."))
