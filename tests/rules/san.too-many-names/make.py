"""Cases for san.too-many-names. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
s.profile(__file__, "letsencrypt")
names = ["host%d.example.com" % i for i in range(100)]
w("pass-100.pem", s.dns_req(*names))
w("pass-100-with-duplicates.pem", s.dns_req(*(names + ["HOST1.example.com", "host2.example.com"])))
w("error-101.pem", s.dns_req(*(names + ["extra.example.com"])))
w("error-100-plus-cn.pem", s.dns_req(*names, cn="www.example.com"))
w("error-dns-and-ip.pem", s.req(*([g.dns(n) for n in names[:99]] + [g.ip("8.8.8.8"), g.ip("8.8.4.4")])))
