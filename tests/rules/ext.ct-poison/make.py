"""Cases for ext.ct-poison: the CT poison extension with its NULL value, and with an empty
value (as Boulder's tests have both), against an ordinary request."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402

POISON = "1.3.6.1.4.1.11129.2.4.3"
g.write(os.path.join(HERE, "pass-no-poison.pem"), g.good())
g.write(os.path.join(HERE, "warning-poison-null.pem"),
        g.good(exts=[g.san(g.dns("www.example.com")), g.ext(POISON, g.null(), True)]))
g.write(os.path.join(HERE, "warning-poison-empty.pem"),
        g.good(exts=[g.san(g.dns("www.example.com")), g.ext(POISON, b"", True)]))
