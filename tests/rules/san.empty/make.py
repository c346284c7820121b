"""Cases for san.empty. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-one-name.pem", s.dns_req("www.example.com"))
w("pass-no-san.pem", g.csr())
w("error-empty-sequence.pem", g.good(exts=[g.san()]))
