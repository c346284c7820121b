#!/bin/sh
# CLI tests for `csrlint lint` at scale: -j output identical to -j 1, streams on stdin, NDJSON and
# path-list inputs, --summary, the cross-input defaults, the progress line (on a real pty from
# util-linux `script`) and bounded memory on a stream. One "PASS name" / "FAIL name" per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
corpus=${CSRL_CORPUS:?CSRL_CORPUS must be set}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
good=tests/rules/der.length-not-minimal/pass-clean.pem
bad=tests/rules/der.length-not-minimal/error-length-not-minimal.pem
# how many CSRs the bounded-memory stream holds
: "${SCALE_STREAM_N:=20000}"

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

# --- -j N writes what -j 1 writes, byte for byte, in every format -------------------------
for plug in "--no-default-plugins" "--policy tests/plugins/bench-policy.lua"; do
	tag=$(echo "$plug" | sed 's/^--\([a-z-]*\).*/\1/')
	for fmt in text json ndjson sarif; do
		# shellcheck disable=SC2086
		"$bin" lint -j 1 $plug --format "$fmt" "$corpus" >"$tmp/j1" 2>&1
		rc1=$?
		for j in 2 4; do
			# shellcheck disable=SC2086
			"$bin" lint -j "$j" $plug --format "$fmt" "$corpus" >"$tmp/jn" 2>&1
			check "jobs-$j-identical-$fmt-$tag" "[ $? -eq $rc1 ] && [ -s '$tmp/j1' ] && cmp -s '$tmp/j1' '$tmp/jn'"
		done
	done
done

# --- a stream on stdin gives the findings of the same requests as files -------------------
# single-request PEM files of the corpus, linted as files and then concatenated on stdin
find "$corpus" -type f \( -name '*.pem' -o -name '*.csr' \) | sort | while read -r f; do
	[ "$(grep -c -- '-----BEGIN ' "$f")" -eq 1 ] && echo "$f"
done >"$tmp/single"
xargs "$bin" lint --no-batch --format ndjson <"$tmp/single" >"$tmp/files.ndjson" 2>/dev/null
# (a newline after each: some files end without one, which would join END and BEGIN lines)
while read -r f; do cat "$f"; echo; done <"$tmp/single" |
	"$bin" lint -j 2 --format ndjson - >"$tmp/stdin.ndjson" 2>/dev/null
cat >"$tmp/findings.py" <<'EOF'
import json, sys
# the findings of each input in order; a fatal finding names a line and offset of its file
# (of the stream on stdin), so only its rule is compared
for line in open(sys.argv[1]):
    o = json.loads(line)
    print([(f["rule"],) if f["severity"] == "fatal" else
           (f["rule"], f["severity"], f["offset"], f["path"], f["message"])
           for f in o["findings"]])
EOF
$py "$tmp/findings.py" "$tmp/files.ndjson" >"$tmp/files.f"
$py "$tmp/findings.py" "$tmp/stdin.ndjson" >"$tmp/stdin.f"
check "stdin-stream-same-findings" "[ \$(wc -l <'$tmp/single') -gt 50 ] && [ \$(wc -l <'$tmp/files.f') -eq \$(wc -l <'$tmp/single') ] && cmp -s '$tmp/files.f' '$tmp/stdin.f'"
check "stdin-stream-names" "grep -q '\"file\":\"<stdin>\",\"index\":2,' '$tmp/stdin.ndjson'"

# --- --input ndjson: ids echoed, a bad line is one error item and the stream goes on ------
d1=$(openssl req -in "$good" -outform DER | base64 -w0)
d2=$(openssl req -in "$bad" -outform DER | base64 -w0)
{
	printf '{"id":"req-1","der":"%s"}\n' "$d1"
	printf 'this is not json\n\n'
	printf '{"id":7,"der":"%s"}\n' "$d2"
	printf '{"id":"no-der"}\n'
	printf '{"der":"%s"}\n' "$d1"
} >"$tmp/in.ndjson"
"$bin" lint --input ndjson --format ndjson - <"$tmp/in.ndjson" >"$tmp/out" 2>&1
check "ndjson-exit-1" "[ $? -eq 1 ]"
check "ndjson-five-items" "[ \$(grep -c '\"file\":\"<stdin>\"' '$tmp/out') -eq 5 ]"
check "ndjson-id-string" "grep -q '\"index\":1,\"line\":1,\"id\":\"req-1\",.*\"findings\":\\[\\]' '$tmp/out'"
check "ndjson-id-number" "grep -q '\"line\":4,\"id\":7,.*der.length-not-minimal' '$tmp/out'"
check "ndjson-bad-line" "grep -q '\"line\":2,.*fatal.unparseable.*not JSON' '$tmp/out'"
check "ndjson-no-der" "grep -q '\"line\":5,\"id\":\"no-der\",.*no \\\\\"der\\\\\" member' '$tmp/out'"
check "ndjson-goes-on" "grep -q '\"index\":5,\"line\":6,\"cross_input\":false,\"findings\":\\[\\]' '$tmp/out'"
"$bin" lint --input ndjson "$tmp/in.ndjson" >"$tmp/out" 2>&1
check "ndjson-text-names" "grep -q '^$tmp/in.ndjson:1 \\[req-1\\]: ok, no findings' '$tmp/out' && grep -q '^$tmp/in.ndjson:4 \\[7\\]: error der.length-not-minimal' '$tmp/out' && grep -q '^$tmp/in.ndjson:2: fatal' '$tmp/out'"
"$bin" lint --input ndjson --format sarif "$tmp/in.ndjson" >"$tmp/out" 2>&1
check "ndjson-sarif-id" "$py -c 'import json,sys; r=json.load(open(sys.argv[1]))[\"runs\"][0][\"results\"]; x=[a for a in r if a[\"ruleId\"]==\"der.length-not-minimal\"][0]; sys.exit(not (x[\"properties\"][\"id\"]==7 and x[\"locations\"][0][\"physicalLocation\"][\"region\"][\"startLine\"]==4))' '$tmp/out'"

# --- --input lines: each path linted as if named, folders walked --------------------------
mkdir -p "$tmp/tree/sub"
cp "$bad" "$tmp/tree/sub/b.pem"
printf '%s\r\n\n%s\n' "$good" "$tmp/tree" | "$bin" lint --input lines - >"$tmp/out" 2>&1
check "lines-exit-1" "[ $? -eq 1 ]"
check "lines-inputs" "grep -q '^$good: ok, no findings' '$tmp/out' && grep -q '^$tmp/tree/sub/b.pem: 0 fatal, 1 error' '$tmp/out' && tail -n 1 '$tmp/out' | grep -q '^2 inputs'"

# --- --summary: the per-rule table agrees with the findings written -----------------------
"$bin" lint --summary --format ndjson "$corpus" >"$tmp/sum.ndjson" 2>/dev/null
cat >"$tmp/summary.py" <<'EOF'
import json, sys, collections
rows, count, inputs, n = None, collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    if "summary" in o:
        rows = o["summary"]
        continue
    n += 0 if o["cross_input"] else 1
    seen = set()
    for f in o["findings"]:
        k = (f["rule"], f["severity"])
        count[k] += 1
        seen.add(k)
    for k in seen:
        inputs[k] += 1
assert rows is not None, "no summary line"
assert len(rows) == len(count), (len(rows), len(count))
for r in rows:
    k = (r["rule"], r["severity"])
    assert r["findings"] == count[k] and r["inputs"] == inputs[k], (r, count[k], inputs[k])
    assert abs(r["share"] - round(100.0 * inputs[k] / n, 2)) < 1e-9, (r, n)
keys = [(-r["findings"], r["rule"]) for r in rows]
assert keys == sorted(keys), "not sorted by count then id"
print(len(rows))
EOF
check "summary-ndjson-counts" "$py '$tmp/summary.py' '$tmp/sum.ndjson' >'$tmp/nrows' 2>&1 && [ \$(cat '$tmp/nrows') -gt 5 ]"
"$bin" lint --summary --format json "$corpus" >"$tmp/sum.json" 2>/dev/null
check "summary-json" "$py -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d[\"summary\"][\"rules\"]; sys.exit(not (len(r)==int(sys.argv[2]) and set(r[0])=={\"rule\",\"severity\",\"findings\",\"inputs\",\"share\"}))' '$tmp/sum.json' \$(cat '$tmp/nrows')"
"$bin" lint --summary --format sarif "$corpus" >"$tmp/sum.sarif" 2>/dev/null
check "summary-sarif" "$py -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(len(d[\"runs\"][0][\"properties\"][\"csrlintSummary\"])!=int(sys.argv[2]))' '$tmp/sum.sarif' \$(cat '$tmp/nrows')"
"$bin" lint --summary "$corpus" >"$tmp/sum.txt" 2>/dev/null
check "summary-text" "grep -q '^rules with findings: '\$(cat '$tmp/nrows')' ' '$tmp/sum.txt' && grep -q '^ *[0-9]* *[0-9]* *[0-9.]*%  fatal *fatal.unparseable\$' '$tmp/sum.txt'"
"$bin" lint --format ndjson "$corpus" >"$tmp/nosum" 2>/dev/null
check "no-summary-by-default" "! grep -q '\"summary\"' '$tmp/nosum'"

# --- cross-input checks: on for named files, off for streams unless --batch ---------------
cat "$good" "$good" >"$tmp/two.pem"
"$bin" lint "$tmp/two.pem" >"$tmp/out" 2>&1
check "batch-default-files" "grep -q 'csr.duplicate' '$tmp/out'"
"$bin" lint --no-batch "$tmp/two.pem" >"$tmp/out" 2>&1
check "no-batch-files" "! grep -q 'csr.duplicate' '$tmp/out'"
"$bin" lint - <"$tmp/two.pem" >"$tmp/out" 2>&1
check "batch-off-stream" "! grep -q 'csr.duplicate' '$tmp/out'"
"$bin" lint --batch - <"$tmp/two.pem" >"$tmp/out" 2>&1
check "batch-forced-stream" "grep -q '^<stdin> (CSR #2): notice csr.duplicate' '$tmp/out'"
printf '{"id":"a","der":"%s"}\n{"id":"b","der":"%s"}\n' "$d1" "$d1" >"$tmp/dup.ndjson"
"$bin" lint --batch --input ndjson "$tmp/dup.ndjson" >"$tmp/out" 2>&1
check "batch-ndjson-names" "grep -q '^$tmp/dup.ndjson:2 \\[b\\]: notice csr.duplicate: .*$tmp/dup.ndjson:1 \\[a\\]' '$tmp/out'"

# --- progress line: on a terminal after a second, never with --quiet or into a file -------
# A FIFO named as an input holds the run for 1.5 s, then 40 more files follow.
mkdir -p "$tmp/many"
i=0
while [ $i -lt 40 ]; do cp "$good" "$tmp/many/$i.pem"; i=$((i + 1)); done
progress_run() { # OUT EXTRA-ARGS
	rm -f "$tmp/fifo.pem"
	mkfifo "$tmp/fifo.pem"
	(sleep 1.5; cat "$good" >"$tmp/fifo.pem") &
	script -qec "'$bin' lint -j 2 $2 -o /dev/null '$tmp/fifo.pem' '$tmp/many'" /dev/null >"$1" 2>&1
	wait
}
progress_run "$tmp/pty" ""
check "progress-on-pty" "grep -q 'csrlint: [0-9]*/41 files, [0-9]* CSRs, [0-9]* CSR/s' '$tmp/pty' && grep -q 'E 0 W 0 N 0 F 0' '$tmp/pty'"
check "progress-cleared" "tail -c 4 '$tmp/pty' | od -c | grep -q '033'"
progress_run "$tmp/pty" "--quiet"
check "progress-quiet" "! grep -q 'CSR/s' '$tmp/pty'"
rm -f "$tmp/fifo.pem"; mkfifo "$tmp/fifo.pem"
(sleep 1.5; cat "$good" >"$tmp/fifo.pem") &
script -qec "'$bin' lint -o /dev/null '$tmp/fifo.pem' '$tmp/many' 2>'$tmp/err'" /dev/null >/dev/null 2>&1
wait
check "progress-not-into-file" "! grep -q 'CSR/s' '$tmp/err'"
# a stream has no total: CSRs and rate only
script -qec "sh -c '(cat $good; sleep 1.5; cat $good $good $good) | $bin lint -j 2 -o /dev/null -'" /dev/null >"$tmp/pty" 2>&1
check "progress-stream" "grep -q 'csrlint: [0-9]* CSRs, [0-9]* CSR/s | E 0' '$tmp/pty'"

# --- a long stream in bounded memory --------------------------------------------------------
gen() { # N copies of the clean request, written as they are read
	$py -c 'import sys; b=open(sys.argv[1],"rb").read(); o=sys.stdout.buffer
for _ in range(int(sys.argv[2])): o.write(b)' "$good" "$1"
}
# (a small ASan quarantine, so that a sanitizer build measures the program, not ASan's cache
# of freed blocks; other builds ignore the variable)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
export ASAN_OPTIONS
gen 200 | /usr/bin/time -f '%M' -o "$tmp/rss0" "$bin" lint --format ndjson - >/dev/null 2>&1
gen "$SCALE_STREAM_N" | /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" lint --format ndjson - >"$tmp/big" 2>/dev/null
check "stream-all-read" "[ \$(wc -l <'$tmp/big') -eq $SCALE_STREAM_N ] && tail -n 1 '$tmp/big' | grep -q '\"index\":$SCALE_STREAM_N,'"
check "stream-rss-under-64MiB" "[ \$(tail -n 1 '$tmp/rss') -lt 65536 ]"
# memory does not grow with the stream: 100 times as many CSRs, at most 8 MiB more
check "stream-rss-flat" "[ \$(tail -n 1 '$tmp/rss') -lt \$((\$(tail -n 1 '$tmp/rss0') + 8192)) ]"
echo "stream of $SCALE_STREAM_N CSRs: peak RSS $(tail -n 1 "$tmp/rss") KiB (200 CSRs: $(tail -n 1 "$tmp/rss0") KiB)"

# --- options ----------------------------------------------------------------------------------
"$bin" lint -j 0 "$good" >/dev/null 2>&1
check "jobs-0-exit-2" "[ $? -eq 2 ]"
"$bin" lint --input xml "$good" >/dev/null 2>&1
check "input-unknown-exit-2" "[ $? -eq 2 ]"
"$bin" lint --help >"$tmp/help"
check "help-lists-options" "(for o in --jobs --input --batch --no-batch --summary --quiet ndjson lines; do grep -q -- \"\$o\" '$tmp/help' || exit 1; done)"
