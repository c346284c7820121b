#!/bin/sh
# Runs every test program given as arguments (cmocka binaries) and every tests/*/test_*.sh
# script, then prints one summary line "N passed, N failed".
# cmocka writes its summary on stderr, so both streams are captured.
# Environment: CSRLINT (the CLI binary), CSRL_CORPUS (default ../shared/corpus), BUILDDIR.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
: "${CSRL_CORPUS:=$top/../shared/corpus}"
: "${BUILDDIR:=build}"
: "${CSRLINT:=$BUILDDIR/csrlint}"
export CSRL_CORPUS CSRLINT BUILDDIR
if [ ! -f "$CSRL_CORPUS/MANIFEST.md" ]; then
	echo "tests/run.sh: corpus not found at $CSRL_CORPUS (set CSRL_CORPUS)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
passed=0 failed=0 broken=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@" $(ls tests/*/test_*.sh 2>/dev/null); do
	case "$t" in *.sh) cmd="sh $t" ;; *) cmd="$t" ;; esac
	$cmd >"$log" 2>&1
	rc=$?
	# cmocka: "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:"
	# scripts:  one "PASS name" or "FAIL name" line per case.
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	case "$t" in *.sh)
		p=$(grep -c '^PASS ' "$log"); f=$(grep -c '^FAIL ' "$log") ;;
	esac
	p=${p:-0} f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or failed outside a case
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi    # ran no test: that is a failure
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		broken="$broken $t"
		echo "---- $t (exit $rc) ----"; cat "$log"
	else
		echo "ok   $t: $p passed"
	fi
done
[ -n "$broken" ] && echo "failing:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
