"""Cases for san.dns.onion-unsupported. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
s.profile(__file__, "letsencrypt")
w("pass-no-onion.pem", s.dns_req("www.example.com"))
w("error-onion.pem", s.dns_req("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion"))
