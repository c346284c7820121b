"""Cases for key.reused (batch): the same key in requests for different subjects; the same
key and subject twice (a renewal, fine) and different keys pass."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.batch_writer(__file__)

k = g.key("rsa2048")
other = g.name(("C", "DE"), ("O", "Other GmbH"), ("CN", "www.other.example"))
w("pass-different-keys.pem", g.good(), c.signed(g.key("p256")))
w("pass-renewal.pem", g.good(), g.good(exts=[g.san(g.dns("www.example.com")),
                                             g.key_usage(0, 2)]))
w("warning-two-subjects.pem", g.good(), c.signed(k, subject=other,
                                                 exts=[g.san(g.dns("www.other.example"))]))
w("warning-ec-three.pem", c.signed(g.key("p256")), g.good(),
  c.signed(g.key("p256"), subject=other, exts=[g.san(g.dns("www.other.example"))]))
