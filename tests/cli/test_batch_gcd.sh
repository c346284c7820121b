#!/bin/sh
# CLI tests for `csrlint batch-gcd`: two shards of requests, each exported on its own, then
# merged. Pairs planted across the shards (a shared RSA prime, one key for two subjects, a
# duplicate request) must be found, and the findings must be those of one `lint` run over
# both shards. Also: exit codes, --fail-on, JSON and NDJSON, -o, and damaged or wrong files
# (one error line naming the file and the byte offset, exit 2, the other files still read).
#
# The exports come from `csrlint lint --export-moduli` when `lint --help` offers it, else
# from `test_moduli --write` (the writer and the names lint uses, tests/core/test_moduli.c);
# every PASS line says which ("via lint" or "via test_moduli").
# One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
builddir=${BUILDDIR:-build}
# absolute: some cases run from inside a temporary folder
case "$bin" in /*) ;; *) bin=$top/$bin ;; esac
case "$builddir" in /*) ;; *) builddir=$top/$builddir ;; esac
corpus=${CSRL_CORPUS:?CSRL_CORPUS must be set}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=tests/rules

if "$bin" lint --help 2>&1 | grep -q -- '--export-moduli'; then
	via="via lint"
	# export OUT INPUT...: lint's own exit status only says whether it found something
	export_moduli() { out=$1; shift; "$bin" lint --export-moduli "$out" "$@" >/dev/null 2>&1; [ -s "$out" ]; }
else
	via="via test_moduli"
	export_moduli() { out=$1; shift; "$builddir/tests/core/test_moduli" --write "$out" "$@" >/dev/null; }
fi
check() { if eval "$2"; then echo "PASS $1 ($via)"; else echo "FAIL $1 ($via): $2"; fi; }

# split each two-request bundle into one file per request: NAME-0.pem, NAME-1.pem
split() {
	$py - "$1" "$tmp/$2" <<'PY'
import sys
blocks = open(sys.argv[1]).read().split("-----END CERTIFICATE REQUEST-----\n")
for i, b in enumerate(blocks[:2]):
    open("%s-%d.pem" % (sys.argv[2], i), "w").write(b + "-----END CERTIFICATE REQUEST-----\n")
PY
}
split "$cases/key.rsa.shared-prime/error-two-share-p.pem" sp
split "$cases/key.reused/warning-two-subjects.pem" ru
split "$cases/csr.duplicate/notice-twice.pem" du
# and some real requests of the corpus on either side
c0="$corpus/pyca-cryptography $corpus/golang-go"
c1="$corpus/cfssl $corpus/openssl"

check "export-shard-0" "export_moduli '$tmp/s0.mod' '$tmp/sp-0.pem' '$tmp/ru-0.pem' '$tmp/du-0.pem' $c0"
check "export-shard-1" "export_moduli '$tmp/s1.mod' '$tmp/sp-1.pem' '$tmp/ru-1.pem' '$tmp/du-1.pem' $c1"

"$bin" batch-gcd "$tmp/s0.mod" "$tmp/s1.mod" >"$tmp/out" 2>"$tmp/err"
check "planted-exit-1" "[ $? -eq 1 ] && [ ! -s '$tmp/err' ]"
check "shared-prime-across-shards" "grep -q '^$tmp/sp-0.pem: error key.rsa.shared-prime: .*$tmp/sp-1.pem' '$tmp/out' && grep -q '^$tmp/sp-1.pem: error key.rsa.shared-prime: .*$tmp/sp-0.pem' '$tmp/out'"
check "key-reused-across-shards" "grep -q '^$tmp/ru-0.pem: warning key.reused: .*$tmp/ru-1.pem' '$tmp/out' && grep -q '^$tmp/ru-1.pem: warning key.reused: .*$tmp/ru-0.pem' '$tmp/out'"
check "duplicate-across-shards" "grep -q '^$tmp/du-0.pem: notice csr.duplicate: .*$tmp/du-1.pem' '$tmp/out' && grep -q '^$tmp/du-1.pem: notice csr.duplicate: .*$tmp/du-0.pem' '$tmp/out'"
check "summary-last-line" "tail -n 1 '$tmp/out' | grep -q '^2 files, [0-9]* records, [0-9]* RSA moduli: [1-9][0-9]* errors\\?, [1-9][0-9]* warnings\\?, [1-9][0-9]* notices\\?\$'"
check "never-prints-prime" "! grep -q '[0-9]\\{20\\}' '$tmp/out'"

# the same findings, word for word, as one lint run over both shards
"$bin" lint --format json $c0 "$tmp/sp-0.pem" "$tmp/ru-0.pem" "$tmp/du-0.pem" $c1 \
	"$tmp/sp-1.pem" "$tmp/ru-1.pem" "$tmp/du-1.pem" >"$tmp/lint.json" 2>/dev/null
"$bin" batch-gcd --format json "$tmp/s0.mod" "$tmp/s1.mod" >"$tmp/out.json" 2>&1
check "json-exit-1" "[ $? -eq 1 ]"
cat > "$tmp/same.py" <<'PY'
import json, sys
lint, gcd = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def name(r):
    return r["file"] + (" #%d" % r["index"] if r["index"] > 1 else "")
want = sorted((name(r), f["rule"], f["severity"], f["message"])
              for r in lint["results"] if r["cross_input"] for f in r["findings"])
got = sorted((f["input"], f["rule"], f["severity"], f["message"]) for f in gcd["findings"])
assert want, "lint found nothing across inputs"
assert got == want, "differ:\n%s\n%s" % (set(got) - set(want), set(want) - set(got))
PY
check "same-as-one-lint-run" "$py '$tmp/same.py' '$tmp/lint.json' '$tmp/out.json'"
cat > "$tmp/check_json.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["files"] == 2 and d["records"] > 6 and 0 < d["rsa_moduli"] <= d["records"]
assert d["unreadable"] == []
f = d["findings"]
for x in f:
    assert set(x) >= {"input", "rule", "severity", "message", "export", "record"}
    assert x["rule"] in ("key.rsa.shared-prime", "key.reused", "csr.duplicate")
    assert x["severity"] == {"key.rsa.shared-prime": "error", "key.reused": "warning",
                             "csr.duplicate": "notice"}[x["rule"]]
    assert x["record"] >= 1 and x["export"].endswith(".mod")
for sev in ("error", "warning", "notice"):
    assert d["counts"][sev] == sum(1 for x in f if x["severity"] == sev)
PY
check "json-structure" "$py '$tmp/check_json.py' '$tmp/out.json'"
"$bin" batch-gcd --format ndjson -o "$tmp/out.ndjson" "$tmp/s0.mod" "$tmp/s1.mod" >"$tmp/stdout" 2>&1
check "ndjson-one-object-per-finding" "[ $? -eq 1 ] && [ ! -s '$tmp/stdout' ] && $py -c '
import json
n = [json.loads(l) for l in open(\"$tmp/out.ndjson\")]
d = json.load(open(\"$tmp/out.json\"))
assert n == d[\"findings\"]'"

# --fail-on: duplicates alone are notices
export_moduli "$tmp/d0.mod" "$tmp/du-0.pem"
export_moduli "$tmp/d1.mod" "$tmp/du-1.pem"
"$bin" batch-gcd "$tmp/d0.mod" "$tmp/d1.mod" >"$tmp/out" 2>&1
check "notice-only-exit-0" "[ $? -eq 0 ] && tail -n 1 '$tmp/out' | grep -q '^2 files, 2 records, .*: 0 errors, 0 warnings, 2 notices\$'"
"$bin" batch-gcd --fail-on notice "$tmp/d0.mod" "$tmp/d1.mod" >/dev/null 2>&1
check "fail-on-notice-exit-1" "[ $? -eq 1 ]"
"$bin" batch-gcd --fail-on warning "$tmp/d0.mod" "$tmp/d1.mod" >/dev/null 2>&1
check "fail-on-warning-exit-0" "[ $? -eq 0 ]"

# names: the same stored name in two exports gets the export's name in front
mkdir -p "$tmp/x" "$tmp/y"
cp "$tmp/sp-0.pem" "$tmp/x/k.pem"; cp "$tmp/sp-1.pem" "$tmp/y/k.pem"
(cd "$tmp/x" && export_moduli ../x.mod k.pem)
(cd "$tmp/y" && export_moduli ../y.mod k.pem)
(cd "$tmp" && "$bin" batch-gcd x.mod y.mod) >"$tmp/out" 2>&1
check "names-disambiguated" "grep -q '^x.mod:k.pem: error key.rsa.shared-prime: .*y.mod:k.pem' '$tmp/out' && grep -q '^y.mod:k.pem: error key.rsa.shared-prime: .*x.mod:k.pem' '$tmp/out'"

# damaged and wrong files: one line each with file and offset, the rest still read, exit 2
size=$(wc -c < "$tmp/s1.mod")
head -c 100 "$tmp/s1.mod" > "$tmp/cut.mod"
"$bin" batch-gcd "$tmp/d0.mod" "$tmp/cut.mod" "$tmp/d1.mod" >"$tmp/out" 2>"$tmp/err"
check "truncated-exit-2" "[ $? -eq 2 ]"
check "truncated-error-line" "[ \$(wc -l < '$tmp/err') -eq 1 ] && grep -q '^csrlint batch-gcd: $tmp/cut.mod: offset 100: the file ends inside' '$tmp/err'"
check "truncated-others-reported" "grep -q 'du-0.pem: notice csr.duplicate' '$tmp/out' && tail -n 1 '$tmp/out' | grep -q '^2 files, 2 records.*1 file left out'"
cp "$tmp/s1.mod" "$tmp/flip.mod"
printf 'Z' | dd of="$tmp/flip.mod" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$bin" batch-gcd "$tmp/s0.mod" "$tmp/flip.mod" >"$tmp/out" 2>"$tmp/err"
check "flipped-byte-exit-2" "[ $? -eq 2 ] && grep -q '^csrlint batch-gcd: $tmp/flip.mod: offset [0-9]*: ' '$tmp/err'"
check "flipped-byte-left-out" "! grep -q 'sp-1.pem' '$tmp/out' && tail -n 1 '$tmp/out' | grep -q '^1 file, '"
"$bin" batch-gcd "$tmp/s0.mod" "$tmp/sp-0.pem" "$tmp/nope.mod" >"$tmp/out" 2>"$tmp/err"
check "not-an-export-exit-2" "[ $? -eq 2 ] && grep -q '^csrlint batch-gcd: $tmp/sp-0.pem: offset 0: not a csrlint moduli export' '$tmp/err' && grep -q '^csrlint batch-gcd: $tmp/nope.mod: offset 0: cannot open' '$tmp/err'"
"$bin" batch-gcd --format json "$tmp/s0.mod" "$tmp/cut.mod" >"$tmp/out.json" 2>/dev/null
check "json-lists-unreadable" "[ $? -eq 2 ] && $py -c '
import json
d = json.load(open(\"$tmp/out.json\"))
u = d[\"unreadable\"]
assert d[\"files\"] == 1 and len(u) == 1 and u[0][\"file\"] == \"$tmp/cut.mod\" and u[0][\"offset\"] == 100'"
"$bin" batch-gcd "$tmp/s0.mod" "$tmp/s0.mod" >/dev/null 2>"$tmp/err"
check "same-file-twice-exit-2" "[ $? -eq 2 ] && grep -q 'the same export as $tmp/s0.mod' '$tmp/err'"

# usage
"$bin" batch-gcd >/dev/null 2>&1
check "no-input-exit-2" "[ $? -eq 2 ]"
"$bin" batch-gcd --format sarif "$tmp/s0.mod" >/dev/null 2>&1
check "unknown-format-exit-2" "[ $? -eq 2 ]"
"$bin" batch-gcd --fail-on info "$tmp/s0.mod" >/dev/null 2>&1
check "fail-on-info-exit-2" "[ $? -eq 2 ]"
"$bin" batch-gcd --help >"$tmp/out" 2>&1
check "help" "[ $? -eq 0 ] && grep -q -- '--fail-on' '$tmp/out' && grep -q -- '--export-moduli' '$tmp/out' && grep -q 'Exit status' '$tmp/out'"
"$bin" help batch-gcd | grep -q -- '--format'
check "help-command" "[ $? -eq 0 ]"
"$bin" help | grep -q '^  batch-gcd '
check "help-lists-batch-gcd" "[ $? -eq 0 ]"
