"""Cases for san.dns.hyphen-edge. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-inner-hyphen.pem", s.dns_req("my-host.example.com", "xn--mnchen-3ya.de"))
w("error-leading.pem", s.dns_req("-host.example.com"))
w("error-trailing.pem", s.dns_req("www.example-.com"))
