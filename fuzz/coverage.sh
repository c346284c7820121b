#!/bin/sh
# coverage.sh DIR - line coverage of the library from the .gcno/.gcda files that
# `make coverage` leaves in DIR, with plain gcov (gcovr and lcov are not needed): one line
# per source file, then the totals of parsers/ and of core/ + rules/ against their targets
# (parsers 90%, core + rules 80%), and plugins/ for information. A file that no test
# reached counts with all its lines unexecuted. Prints only; the exit status is 0.
set -u
dir=${1:?usage: coverage.sh BUILDDIR}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for src in $(find parsers core rules plugins -name '*.c' | sort); do
	obj=$dir/${src%.c}.o
	[ -f "$dir/${src%.c}.gcno" ] || continue
	# -n: no .gcov files; the summary names the source and its executed lines
	gcov -n -o "$obj" "$src" 2>/dev/null | awk -v want="$src" '
		/^File / { f = $2; gsub("\047", "", f) }
		/^Lines executed:/ && f == want {
			split($0, a, ":"); split(a[2], b, "% of ");
			n = b[2] + 0; printf "%s %d %d\n", f, int(b[1] * n / 100 + 0.5), n; f = "" }'
done > "$out"

awk '
function pct(h, n) { return n ? 100 * h / n : 0 }
{
	hit[$1] = $2; lines[$1] = $3
	split($1, p, "/"); d = p[1]
	dh[d] += $2; dn[d] += $3
	printf "  %-40s %6.1f%% of %5d lines\n", $1, pct($2, $3), $3
}
END {
	print ""
	ph = dh["parsers"]; pn = dn["parsers"]
	ch = dh["core"] + dh["rules"]; cn = dn["core"] + dn["rules"]
	printf "parsers/         %6.1f%% of %6d lines (target 90%%: %s)\n", pct(ph, pn), pn,
	       (pct(ph, pn) >= 90 ? "met" : "below")
	printf "core/ + rules/   %6.1f%% of %6d lines (target 80%%: %s)\n", pct(ch, cn), cn,
	       (pct(ch, cn) >= 80 ? "met" : "below")
	printf "  core/          %6.1f%% of %6d lines\n", pct(dh["core"], dn["core"]), dn["core"]
	printf "  rules/         %6.1f%% of %6d lines\n", pct(dh["rules"], dn["rules"]), dn["rules"]
	printf "plugins/         %6.1f%% of %6d lines (no target)\n", pct(dh["plugins"],
	       dn["plugins"]), dn["plugins"]
}' "$out"
