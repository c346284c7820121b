#!/bin/sh
# `make bench`: csrlint against the Go crypto/x509 and pyca/cryptography peers from
# ../shared/bench, in the same run, each pinned to one core, best of ROUNDS runs each.
# Reports throughput and the ratio to the faster peer (machines are noisy: ratios, not times).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
: "${BUILDDIR:=build}" "${ROUNDS:=3}" "${BENCH_N:=10000}" "${BENCH_STREAM_N:=1000000}"
# The pyca peer: the python3 on PATH when it has pyca/cryptography, else Debian's.
if [ -z "${PYTHON:-}" ]; then
	PYTHON=/usr/bin/python3
	if python3 -c 'import cryptography' 2>/dev/null; then PYTHON=$(command -v python3); fi
fi
shared="${CSRL_SHARED:-$top/../shared}"
out="$BUILDDIR/bench"
corpus="$out/corpus-$BENCH_N"
mkdir -p "$out"
if [ ! -f "$corpus.done" ]; then
	echo "bench: generating $BENCH_N CSRs in $corpus"
	rm -rf "$corpus"
	"$PYTHON" "$shared/bench/make_corpus.py" "$corpus" "$BENCH_N" >/dev/null
	touch "$corpus.done"
fi
if [ ! -x "$out/peer_go" ]; then
	(cd "$shared/bench/peer_go" && GOCACHE="$top/$out/gocache" GOFLAGS=-buildvcs=false \
		go build -o "$top/$out/peer_go" .)
fi
pin="taskset -c 0"
command -v taskset >/dev/null || pin=""
# best NAME CMD...: runs CMD ROUNDS times, prints its best line and sets BEST (CSR/s).
best() {
	name=$1; shift
	BEST=0 line=""
	i=0
	while [ "$i" -lt "$ROUNDS" ]; do
		l=$($pin "$@" | tail -n 1)
		r=$(echo "$l" | sed -n 's/.*, \([0-9.]*\) CSR\/s.*/\1/p')
		if [ -n "$r" ] && awk "BEGIN { exit !($r > $BEST) }"; then
			BEST=$r line=$l
		fi
		i=$((i + 1))
	done
	echo "  $line"
}
echo "parse + verify, $BENCH_N CSRs, one core, best of $ROUNDS ($PYTHON: pyca/cryptography $("$PYTHON" -c 'import cryptography; print(cryptography.__version__)')):"
best go "$out/peer_go" "$corpus";                 go=$BEST
best pyca "$PYTHON" "$shared/bench/peer_pyca.py" "$corpus"; pyca=$BEST
best csrlint "$BUILDDIR/tests/bench/bench_parse" "$corpus"; ours=$BEST
awk -v o="$ours" -v g="$go" -v p="$pyca" 'BEGIN {
	f = g > p ? g : p; name = g > p ? "go" : "pyca";
	printf "csrlint / faster peer (%s): %.2fx (target >= 1.5x)\n", name, o / f }'
echo "lint, tls-server profile, every built-in rule, one core, best of $ROUNDS:"
best lint "$BUILDDIR/tests/bench/bench_parse" --lint "$corpus"; lint=$BEST
awk -v l="$lint" -v o="$ours" 'BEGIN {
	printf "lint / parse+verify: %.0f%% (target >= 90%%)\n", 100 * l / o }'
awk -v l="$lint" -v g="$go" -v p="$pyca" 'BEGIN {
	f = g > p ? g : p; name = g > p ? "go" : "pyca";
	printf "lint (every built-in rule) / faster peer parse+verify (%s): %.2fx (target >= 1.6x)\n",
		name, l / f }'
echo "key rules: lint with every rule against lint without the key.* rules, one core:"
best nokey "$BUILDDIR/tests/bench/bench_parse" --lint --disable key "$corpus"; nokey=$BEST
awk -v l="$lint" -v n="$nokey" 'BEGIN {
	printf "lint with key rules / without: %.0f%% (target >= 90%%, i.e. within 10%%)\n", 100 * l / n }'
# runs: the two configurations alternate, so that a slow spell of the machine falls on both
: "${LUA_ROUNDS:=5}"
echo "Lua plugins: lint with the bundled Lua rules (tests/plugins/bench-policy.lua turns on all"
echo "seven) against lint without plugins, whole CLI runs, one core, the two alternating, best"
echo "of $LUA_ROUNDS each:"
# wall ARGS...: seconds of one run of csrlint lint ARGS on the corpus
wall() {
	s0=$(date +%s.%N)
	# exit 1 only says that the corpus has findings
	$pin "$BUILDDIR/csrlint" lint -j 1 --no-batch --format ndjson "$@" "$corpus" >/dev/null || true
	echo "$(date +%s.%N) $s0" | awk '{ printf "%.3f", $1 - $2 }'
}
noplug="" plug="" i=0
while [ "$i" -lt "$LUA_ROUNDS" ]; do
	a=$(wall --no-default-plugins)
	b=$(wall --policy tests/plugins/bench-policy.lua)
	if [ -z "$noplug" ] || awk "BEGIN { exit !($a < $noplug) }"; then noplug=$a; fi
	if [ -z "$plug" ] || awk "BEGIN { exit !($b < $plug) }"; then plug=$b; fi
	i=$((i + 1))
done
echo "  without plugins: ${noplug}s"
echo "  with the bundled Lua rules: ${plug}s"
awk -v a="$plug" -v b="$noplug" 'BEGIN {
	printf "Lua rules cost: +%.0f%% (target <= 25%%)\n", 100 * (a - b) / b }'
echo "batch GCD over RSA-2048-sized moduli, one core (product and remainder trees):"
$pin "$BUILDDIR/tests/bench/bench_batchgcd" ${BATCHGCD_SIZES:-10000 100000}
echo "reading and merging moduli exports (batch-gcd without the GCD), one core:"
$pin "$BUILDDIR/tests/bench/bench_batchgcd" --merge ${MERGE_SIZE:-100000}
echo "threads: whole CLI, lint --no-batch --format ndjson, -j 1 against -j 2 (not pinned),"
echo "best of $ROUNDS:"
# par_best LABEL ARGS...: best wall time of ROUNDS runs of csrlint lint ARGS, on every core
par_best() {
	label=$1; shift
	BEST=""
	i=0
	while [ "$i" -lt "$ROUNDS" ]; do
		s0=$(date +%s.%N)
		"$BUILDDIR/csrlint" lint --no-batch --format ndjson "$@" "$corpus" >/dev/null || true
		t=$(echo "$(date +%s.%N) $s0" | awk '{ printf "%.3f", $1 - $2 }')
		if [ -z "$BEST" ] || awk "BEGIN { exit !($t < $BEST) }"; then BEST=$t; fi
		i=$((i + 1))
	done
	echo "  $label: ${BEST}s"
}
par_best "-j 1" -j 1; j1=$BEST
par_best "-j 2" -j 2; j2=$BEST
awk -v a="$j1" -v b="$j2" -v n="$BENCH_N" 'BEGIN {
	printf "-j 2 speed-up: %.2fx, %.0f CSR/s (target >= 1.8x)\n", a / b, n / b }'
echo "stream: the $BENCH_N CSRs repeated to $BENCH_STREAM_N, piped (never stored) into"
echo "csrlint lint --format ndjson - (default -j):"
# writes the corpus's PEM files over and over, as fast as the reader takes them
stream() {
	"$PYTHON" -c 'import os, sys
d = sys.argv[1]; n = int(sys.argv[2]); o = sys.stdout.buffer
blocks = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d))]
for i in range(n):
    o.write(blocks[i % len(blocks)])' "$corpus" "$BENCH_STREAM_N"
}
stream | /usr/bin/time -v -o "$out/stream.time" "$BUILDDIR/csrlint" lint --format ndjson - |
	wc -l >"$out/stream.lines" || true
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/stream.time")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/stream.time" |
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
awk -v r="$rss" -v w="$wall" -v n="$(cat "$out/stream.lines")" 'BEGIN {
	printf "  %d CSRs reported in %.1fs: %.0f CSR/s, peak RSS %.1f MiB (target < 64 MiB)\n",
		n, w, n / w, r / 1024 }'
