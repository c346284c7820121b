"""Cases for san.ip.loopback-or-unspecified. Run: python3 make.py (from anywhere)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import san_cases as s  # noqa: E402

g = s.g
w = s.writer(__file__)
s.profile(__file__, "private-pki")
w("pass-private.pem", s.req(g.dns("db.internal"), g.ip("10.1.2.3"), g.ip("fd00::1")))
w("warning-loopback.pem", s.req(g.dns("localhost"), g.ip("127.0.0.1")))
w("warning-unspecified-v6.pem", s.req(g.dns("db.internal"), g.ip("::")))
w("warning-this-network.pem", s.req(g.dns("db.internal"), g.ip("0.0.0.0")))
