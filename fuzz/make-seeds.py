#!/usr/bin/python3
"""make-seeds.py - rebuilds the fuzz seed corpora from the project's test data.

Usage: make-seeds.py OUTDIR SOURCE...   (each SOURCE a directory, walked recursively, or a file)

PEM inputs (*.pem *.csr *.req, or any file holding a "-----BEGIN " line) become seeds of the
pem and inspect harnesses as they are; each base64 block that decodes becomes a DER seed of
der, csr, verify and lint; DER files (*.der, or extensionless binaries starting with a
SEQUENCE) are DER seeds and inspect seeds; fix takes the DER seeds too. Key files (a PEM block
labelled ...KEY, *.key, *key*.der) go to keyfile and privkey as they are, with the DER of each
key block, and nowhere else. stream gets each PEM file behind a 0 byte (a stdin stream),
groups of DER seeds as NDJSON records behind a 1 byte, and path lists behind a 2 byte.
moduli gets export files that `csrlint lint --export-moduli` writes for groups of the DER
seeds (the binary is $CSRLINT, default build/csrlint; without it moduli keeps no seeds and
says so). Seeds are named by the SHA-1 of their content, so
duplicates collapse; inputs over MAX_LEN (the fuzzers' -max_len) are left out. OUTDIR/<harness>
is emptied first, so the result depends only on the sources.
"""
import base64
import binascii
import hashlib
import os
import json
import re
import subprocess
import sys
import tempfile

MAX_LEN = 65536
PEM_HARNESSES = ("pem", "inspect")
DER_HARNESSES = ("der", "csr", "verify", "lint", "fix", "lua", "schema")
# Key files (a PEM block labelled ... KEY, or *.key / *key*.der) as they are, and the DER of
# each key block, for the key readers.
KEY_HARNESSES = ("keyfile", "privkey")
STREAM_HARNESSES = ("stream", "moduli")
ALL = PEM_HARNESSES + DER_HARNESSES + KEY_HARNESSES + STREAM_HARNESSES
# DER requests per NDJSON seed and per moduli export seed
GROUP = 8
KEY_LABEL = re.compile(rb"-----BEGIN [A-Z0-9 ]*KEY-----")
SKIP_EXT = {".py", ".sh", ".md", ".c", ".h", ".txt", ".profile", ".key", ".tsv", ".json",
            ".lua", ".cnf", ".conf", ".tmpl"}
SKIP_NAMES = {"MANIFEST.md", "SHA256SUMS", "Makefile"}
BLOCK = re.compile(rb"-----BEGIN ([^\n-]*)-----\r?\n(.*?)-----END \1-----", re.S)


def files_of(src):
    if os.path.isfile(src):
        yield src
        return
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            yield os.path.join(root, n)


def der_blocks(text):
    """Decoded bytes of every well-formed block (RFC 1421 header lines skipped)."""
    for m in BLOCK.finditer(text):
        body = b"".join(l.strip() for l in m.group(2).splitlines() if b":" not in l)
        try:
            der = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            continue
        if der:
            yield der


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, sources = sys.argv[1], sys.argv[2:]
    seeds = {h: {} for h in ALL}
    for src in sources:
        if not os.path.exists(src):
            print("make-seeds: %s not found, skipped" % src, file=sys.stderr)
            continue
        for path in files_of(src):
            base = os.path.basename(path)
            ext = os.path.splitext(base)[1].lower()
            if base in SKIP_NAMES or base.startswith(".") or (ext in SKIP_EXT and ext != ".key"):
                continue
            with open(path, "rb") as f:
                data = f.read()
            if not data or len(data) > MAX_LEN:
                continue
            if KEY_LABEL.search(data) or (data[0] == 0x30 and (base.endswith(".key") or (
                    "key" in base and base.endswith(".der")))):
                for h in KEY_HARNESSES:
                    seeds[h][hashlib.sha1(data).hexdigest()] = data
                    for der in der_blocks(data):
                        seeds[h][hashlib.sha1(der).hexdigest()] = der
                if ext == ".key":
                    continue    # key-only material: the other harnesses never saw it
            if b"-----BEGIN " in data:
                for h in PEM_HARNESSES:
                    seeds[h][hashlib.sha1(data).hexdigest()] = data
                for der in der_blocks(data):
                    for h in DER_HARNESSES:
                        seeds[h][hashlib.sha1(der).hexdigest()] = der
            elif data[0] == 0x30:
                for h in DER_HARNESSES + ("inspect",):
                    seeds[h][hashlib.sha1(data).hexdigest()] = data
    stream_seeds(seeds)
    for h in ALL:
        d = os.path.join(out, h)
        os.makedirs(d, exist_ok=True)
        for n in os.listdir(d):
            os.unlink(os.path.join(d, n))
        for name, data in seeds[h].items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        print("make-seeds: %-8s %4d seeds, %7d bytes" %
              (h, len(seeds[h]), sum(len(v) for v in seeds[h].values())))


def add(seeds, h, data):
    if 0 < len(data) <= MAX_LEN:
        seeds[h][hashlib.sha1(data).hexdigest()] = data


def stream_seeds(seeds):
    """The stream and moduli seeds, made from the PEM and DER seeds already gathered."""
    for data in list(seeds["pem"].values()):
        add(seeds, "stream", b"\x00" + data)
    ders = sorted(seeds["csr"].values())
    groups = [ders[i:i + GROUP] for i in range(0, len(ders), GROUP)]
    for n, group in enumerate(groups):
        lines = [json.dumps({"id": "%d-%d" % (n, i) if i % 2 else n * GROUP + i,
                             "der": base64.b64encode(d).decode()}) for i, d in enumerate(group)]
        if n % 4 == 1:      # the readers' error paths: not JSON, no "der", bad base64
            lines[1:1] = ["not json", '{"id": 1}', '{"der": "!!!"}', ""]
        add(seeds, "stream", b"\x01" + "\n".join(lines).encode() + b"\n")
    add(seeds, "stream", b"\x02" + b"a.pem\n\nsub/dir\r\n-\n" + b"x" * 300 + b"\n")
    csrlint = os.environ.get("CSRLINT", "build/csrlint")
    if not os.access(csrlint, os.X_OK):
        print("make-seeds: %s not found: no moduli seeds" % csrlint, file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for n, group in enumerate(groups[:32]):
            d = os.path.join(tmp, "g%d" % n)
            os.mkdir(d)
            for i, der in enumerate(group):
                with open(os.path.join(d, "%d.der" % i), "wb") as f:
                    f.write(der)
            mod = os.path.join(tmp, "g%d.mod" % n)
            # relative names, so that the seeds do not depend on the temporary folder
            subprocess.run([os.path.abspath(csrlint), "lint", "-q", "--no-batch",
                            "--export-moduli", mod, "g%d" % n], cwd=tmp,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.path.exists(mod):
                with open(mod, "rb") as f:
                    add(seeds, "moduli", f.read())


if __name__ == "__main__":
    main()
