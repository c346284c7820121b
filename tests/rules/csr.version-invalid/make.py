"""Cases for csr.version-invalid. Run: python3 make.py (from anywhere)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import csrgen as g  # noqa: E402

g.write(os.path.join(HERE, "pass-v1.pem"), g.good())
g.write(os.path.join(HERE, "error-version-2.pem"), g.good(version=2))
g.write(os.path.join(HERE, "error-version-negative.pem"), g.good(version=-1))
g.write(os.path.join(HERE, "error-version-huge.pem"), g.good(version=2**70))
