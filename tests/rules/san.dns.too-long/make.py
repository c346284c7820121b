"""Cases for san.dns.too-long. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-253.pem", s.dns_req("a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".com"))
w("pass-short.pem", s.dns_req("www.example.com"))
w("error-255.pem", s.dns_req("a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 59 + ".com"))
w("error-1000.pem", s.dns_req(".".join(["x" * 49] * 20) + ".example.com", cn="www.example.com"))
