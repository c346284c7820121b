#!/bin/sh
# NDJSON lines of `csrlint lint` (core/ndjson.c writes them without a jansson tree) against the
# per-input objects of the JSON document (built and dumped by jansson): the same objects, in
# the same order, for the corpus and the rule cases, with and without the Lua rules, with
# --min-severity, cross-input findings and NDJSON ids; and the same bytes as jansson's compact
# dump of each object. One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
corpus=${CSRL_CORPUS:?CSRL_CORPUS must be set}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

# same NAME ARGS...: lint ARGS in NDJSON and in JSON, then compare (also bytes, compact dump)
same() {
	name=$1; shift
	"$bin" lint -q "$@" --format ndjson >"$tmp/nd" 2>/dev/null
	"$bin" lint -q "$@" --format json >"$tmp/js" 2>/dev/null
	"$py" - "$tmp/nd" "$tmp/js" >"$tmp/why" 2>&1 <<'PY'
import json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
doc = json.load(open(sys.argv[2], encoding="utf-8"))
nd = [json.loads(l) for l in lines]
inputs = [x for x in nd if "summary" not in x]
if not inputs or inputs != doc["results"]:
    sys.exit("objects differ: %d lines, %d results" % (len(inputs), len(doc["results"])))
# jansson's compact dump: no spaces, keys in insertion order, UTF-8 as is, \u00XX upper case
for line, obj in zip(lines, inputs):
    want = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    want = want.encode()
    want = re.sub(rb"\\u00([0-9a-f]{2})", lambda m: b"\\u00" + m.group(1).upper(), want)
    if line.encode() != want:
        sys.exit("bytes differ:\n%s\n%s" % (line, want.decode()))
print(len(inputs), "objects")
PY
	check "$name" "[ \$? -eq 0 ] && grep -q objects '$tmp/why' || { cat '$tmp/why'; false; }"
}

same corpus "$corpus"
same corpus-no-plugins --no-default-plugins "$corpus"
same corpus-lua-rules --policy tests/plugins/bench-policy.lua "$corpus"
same min-severity-warning --min-severity warning "$corpus"
same rule-cases-cross-input --batch tests/rules
same rfc-profile --profile rfc tests/rules "$corpus"

# NDJSON input: ids (string and number) echoed the same way
find "$corpus" -name '*.der.csr' | sort | head -n 20 | while read -r f; do
	b=$(base64 -w0 "$f")
	printf '{"id": "s-%s", "der": "%s"}\n{"id": 12.50, "der": "%s"}\n' "${f##*/}" "$b" "$b"
done >"$tmp/in.ndjson"
same ndjson-ids --input ndjson "$tmp/in.ndjson"
