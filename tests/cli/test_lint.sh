#!/bin/sh
# CLI tests for `csrlint lint` and `csrlint rules`: formats, exit codes, selection, and a
# structural validation of SARIF 2.1.0 output. One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
corpus=${CSRL_CORPUS:?CSRL_CORPUS must be set}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=tests/rules
bad="$cases/der.length-not-minimal/error-length-not-minimal.pem"
good="$cases/der.length-not-minimal/pass-clean.pem"

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

"$bin" lint "$good" >"$tmp/out" 2>&1
check "clean-exit-0" "[ $? -eq 0 ]"
check "clean-summary" "grep -q 'ok, no findings' '$tmp/out' && tail -n 1 '$tmp/out' | grep -q '^1 input, profile tls-server: 0 fatal, 0 errors'"

"$bin" lint "$bad" >"$tmp/out" 2>&1
check "error-exit-1" "[ $? -eq 1 ]"
check "error-line-format" "grep -q '^$bad: error der.length-not-minimal: .* (certificationRequestInfo.subject\[2\]\[0\].value @[0-9]*)\$' '$tmp/out'"

"$bin" lint --disable der "$bad" >/dev/null 2>&1
check "disable-prefix-exit-0" "[ $? -eq 0 ]"
"$bin" lint --disable der.length-not-minimal "$bad" >/dev/null 2>&1
check "disable-id-exit-0" "[ $? -eq 0 ]"
"$bin" lint --disable no.such.rule "$bad" >/dev/null 2>&1
check "unknown-rule-exit-2" "[ $? -eq 2 ]"
"$bin" lint --profile nope "$bad" >/dev/null 2>&1
check "unknown-profile-exit-2" "[ $? -eq 2 ]"
"$bin" lint --format xml "$bad" >/dev/null 2>&1
check "unknown-format-exit-2" "[ $? -eq 2 ]"
"$bin" lint >/dev/null 2>&1
check "no-input-exit-2" "[ $? -eq 2 ]"
"$bin" lint --min-severity error --fail-on error "$good" >/dev/null 2>&1
check "min-severity-accepted" "[ $? -eq 0 ]"

# an unparseable input is a fatal finding, the run goes on, and the exit is 1
: > "$tmp/empty.csr"
"$bin" lint "$tmp/empty.csr" "$good" >"$tmp/out" 2>&1
check "fatal-exit-1" "[ $? -eq 1 ]"
check "fatal-line" "grep -q 'fatal fatal.unparseable: cannot parse the request: file is empty' '$tmp/out'"
check "fatal-run-goes-on" "grep -q '^$good: ok, no findings' '$tmp/out'"

# folders are searched recursively, in sorted order
mkdir -p "$tmp/tree/a/b"
cp "$good" "$tmp/tree/a/b/z.pem"; cp "$bad" "$tmp/tree/a/y.csr"; echo x > "$tmp/tree/a/ignored.txt"
"$bin" lint "$tmp/tree" >"$tmp/out" 2>&1
check "dir-recursive" "[ \$(grep -c '^$tmp/tree/a/b/z.pem: ok, no findings\|^$tmp/tree/a/y.csr: 0 fatal, 1 error' '$tmp/out') -eq 2 ] && ! grep -q ignored '$tmp/out'"
check "dir-sorted" "grep -n 'a/b/z.pem: ok' '$tmp/out' | grep -q '^[0-9]*:' && [ \$(grep -n 'a/b/z.pem: ok' '$tmp/out' | cut -d: -f1) -lt \$(grep -n 'a/y.csr: ' '$tmp/out' | tail -n 1 | cut -d: -f1) ]"

# stdin, and -o
cat "$good" "$bad" | "$bin" lint -o "$tmp/report.txt" - >/dev/null 2>&1
check "stdin-and-output-file" "[ $? -eq 1 ] && grep -q '^<stdin> (CSR #2): error der.length-not-minimal' '$tmp/report.txt'"

# colour: never when NO_COLOR is set, never into a file
check "no-color-in-file" "! grep -q \$(printf '\\033') '$tmp/report.txt'"

# JSON and NDJSON
"$bin" lint --no-batch --format json "$good" "$bad" >"$tmp/out.json" 2>&1
check "json-valid" "$py -c 'import json; d=json.load(open(\"$tmp/out.json\")); r=d[\"results\"]; assert len(r)==2 and r[0][\"findings\"]==[] and r[1][\"findings\"][0][\"rule\"]==\"der.length-not-minimal\" and d[\"summary\"][\"counts\"][\"error\"]==1 and isinstance(r[1][\"findings\"][0][\"offset\"], int)'"
"$bin" lint --no-batch --format ndjson "$good" "$bad" "$tmp/empty.csr" >"$tmp/out.ndjson" 2>&1
check "ndjson-one-object-per-input" "[ \$(wc -l < '$tmp/out.ndjson') -eq 3 ] && $py -c 'import json; [json.loads(l) for l in open(\"$tmp/out.ndjson\")]'"

# SARIF 2.1.0, structurally
"$bin" lint --format sarif "$good" "$bad" "$corpus/pyca-cryptography/ec_sha256.der" >"$tmp/out.sarif" 2>&1
cat > "$tmp/sarif.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def need(o, key, typ):
    assert key in o, "missing " + key
    assert isinstance(o[key], typ), "%s is not %s" % (key, typ)
    return o[key]
assert need(d, "version", str) == "2.1.0"
need(d, "$schema", str)
runs = need(d, "runs", list)
assert len(runs) == 1
drv = need(need(runs[0], "tool", dict), "driver", dict)
need(drv, "name", str)
rules = need(drv, "rules", list)
ids = set()
for r in rules:
    ids.add(need(r, "id", str))
    need(need(r, "shortDescription", dict), "text", str)
    assert need(need(r, "defaultConfiguration", dict), "level", str) in ("error", "warning", "note", "none")
results = need(runs[0], "results", list)
assert results, "no results"
for res in results:
    assert need(res, "ruleId", str) in ids, "rule not in tool.driver.rules"
    assert need(res, "level", str) in ("error", "warning", "note", "none")
    need(need(res, "message", dict), "text", str)
    loc = need(need(res, "locations", list)[0], "physicalLocation", dict)
    need(need(loc, "artifactLocation", dict), "uri", str)
    reg = need(loc, "region", dict)
    assert need(reg, "byteOffset", int) >= 0 and need(reg, "byteLength", int) >= 1
PY
check "sarif-structure" "$py '$tmp/sarif.py' '$tmp/out.sarif'"
# the PEM region points at the base64 text of the bad length octets: decoding that slice
# (aligned to whole groups) gives back the DER bytes at the finding's DER offset
check "sarif-pem-region" "$py -c '
import json, base64
d = json.load(open(\"$tmp/out.sarif\"))
r = [x for x in d[\"runs\"][0][\"results\"] if x[\"ruleId\"] == \"der.length-not-minimal\"][0]
reg = r[\"locations\"][0][\"physicalLocation\"][\"region\"]
text = open(\"$bad\", \"rb\").read()
chunk = text[reg[\"byteOffset\"]:reg[\"byteOffset\"] + reg[\"byteLength\"]].replace(b\"\\n\", b\"\")
der = base64.b64decode(b\"\".join(text.split(b\"\\n\")[1:-2]))
off = r[\"properties\"][\"derOffset\"]
assert base64.b64decode(chunk) == der[off // 3 * 3: off // 3 * 3 + len(chunk) // 4 * 3]
'"

# rules listing
"$bin" rules >"$tmp/rules.txt" 2>&1
check "rules-text" "grep -q '^der.length-not-minimal' '$tmp/rules.txt' && grep -q 'X.690' '$tmp/rules.txt'"
"$bin" rules --format json >"$tmp/rules.json" 2>&1
check "rules-json" "$py -c 'import json; r=json.load(open(\"$tmp/rules.json\")); assert all(x[\"citation\"] and x[\"severity\"] in (\"error\",\"warning\",\"notice\",\"info\") for x in r)'"
"$bin" rules --profile letsencrypt --format json >"$tmp/le.json" 2>&1
check "rules-profile-filter" "$py -c 'import json; r=json.load(open(\"$tmp/le.json\")); assert r and all(\"letsencrypt\" in x[\"profiles\"] for x in r)'"
"$bin" help lint | grep -q -- '--fail-on'
check "help-lint" "[ $? -eq 0 ]"

# cross-input checks: shared primes across files name the other file; --no-batch skips them
sp=tests/rules/key.rsa.shared-prime/error-two-share-p.pem
/usr/bin/python3 - "$sp" "$tmp" <<'PY'
import sys
text = open(sys.argv[1]).read()
blocks = text.split("-----END CERTIFICATE REQUEST-----\n")
for i, b in enumerate(blocks[:2]):
    open("%s/shared-%d.pem" % (sys.argv[2], i), "w").write(b + "-----END CERTIFICATE REQUEST-----\n")
PY
"$bin" lint --disable sig "$tmp/shared-0.pem" "$tmp/shared-1.pem" >"$tmp/out" 2>&1
check "batch-shared-prime-exit-1" "[ $? -eq 1 ]"
check "batch-shared-prime-names-other" "grep -q '^$tmp/shared-0.pem: error key.rsa.shared-prime: .*$tmp/shared-1.pem' '$tmp/out' && grep -q '^cross-input checks' '$tmp/out'"
check "batch-never-prints-prime" "! grep -qi 'prime is\\|factor is\\|= [0-9]\\{20\\}' '$tmp/out'"
"$bin" lint --no-batch --disable sig "$tmp/shared-0.pem" "$tmp/shared-1.pem" >"$tmp/out" 2>&1
check "no-batch" "! grep -q 'shared-prime' '$tmp/out'"
"$bin" lint --disable key.rsa.shared-prime --disable sig "$tmp/shared-0.pem" "$tmp/shared-1.pem" >"$tmp/out" 2>&1
check "batch-rule-disable" "! grep -q 'shared-prime' '$tmp/out'"
"$bin" lint --fermat-rounds 99 "$good" >/dev/null 2>&1
check "fermat-rounds-minimum" "[ $? -eq 2 ]"
printf 'not a hash\n' > "$tmp/bad.list"
"$bin" lint --blocklist "$tmp/bad.list" "$good" >"$tmp/out" 2>&1
check "blocklist-bad-line" "[ $? -eq 2 ] && grep -q 'line 1' '$tmp/out'"
