"""Cases for san.dns.invalid-character. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-ldh.pem", s.dns_req("www-1.example.com", "*.example.com", "xn--mnchen-3ya.de"))
w("pass-ipv6-left-to-ip-rule.pem", s.dns_req("www.example.com", "2001:db8::1"))
w("pass-underscore-left-to-its-rule.pem", s.dns_req("www.example.com", "_acme.example.com"))
w("error-space.pem", s.dns_req("www example.com"))
w("error-utf8.pem", s.dns_req("www.example.com", "münchen.de"))
w("error-slash.pem", s.dns_req("www.example.com", "example.com/path"))
w("error-colon-port.pem", s.dns_req("www.example.com", "www.example.com:443"))
w("error-at.pem", s.dns_req("www.example.com", "user@example.com"))
