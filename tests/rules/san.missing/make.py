"""Cases for san.missing. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
w("pass-dns.pem", s.dns_req("www.example.com"))
w("pass-ip-only.pem", s.req(g.ip("8.8.8.8"), cn="8.8.8.8"))
w("error-no-extensions.pem", g.csr(subject=g.name(("CN", "www.example.com"))))
w("error-only-key-usage.pem", g.good(exts=[g.key_usage(0, 2)]))
w("error-no-attributes.pem", g.csr(attrs_field=False))
