"""Cases for csr.duplicate (batch): the same request bytes twice; distinct requests (even for
the same key and subject, re-signed) pass."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keystrength_cases as c  # noqa: E402

g = c.g
w = c.batch_writer(__file__)

one = g.good()
w("pass-distinct.pem", one, c.signed(g.key("p256")))
w("pass-resigned-p256.pem", c.signed(g.key("p256")), c.signed(g.key("p256")))
w("notice-twice.pem", one, one)
w("notice-among-others.pem", one, c.signed(g.key("p384")), one)
