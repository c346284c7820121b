"""Cases for san.dns.idna-invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-valid-alabels.pem", s.dns_req("xn--mnchen-3ya.de", "www.xn--bcher-kva.example", "xn--p1ai"))
w("pass-no-idn.pem", s.dns_req("www.example.com"))
w("error-bad-punycode.pem", s.dns_req("xn--zz.example.com"))
w("error-emoji.pem", s.dns_req("xn--ls8h.example.com"))
w("error-not-nfc.pem", s.dns_req("xn--u-ccb.example.com"))
