"""Cases for san.dns.underscore. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-hyphen.pem", s.dns_req("my-host.example.com"))
w("error-underscore.pem", s.dns_req("my_host.example.com"))
w("error-srv-label.pem", s.dns_req("www.example.com", "_sip._tcp.example.com"))
