"""Cases for san.dns.ip-address. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-hostname.pem", s.dns_req("www.example.com", "1.example.com"))
w("error-ipv4.pem", s.dns_req("192.0.2.10"))
w("error-ipv6.pem", s.dns_req("www.example.com", "2001:db8::1"))
