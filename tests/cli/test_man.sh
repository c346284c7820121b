#!/bin/sh
# The manual page core/csrlint.1: it lints clean (mandoc -T lint, else groff's warnings through
# man), it documents every command that `csrlint help` lists and every long option that
# `csrlint COMMAND --help` prints, and its version is the program's.
# One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
page=core/csrlint.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

# 1. The page lints clean: any message, style included, fails.
linted=0
if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint "$page" >"$tmp/lint" 2>&1
	rc=$?
	cat "$tmp/lint"
	check "man-mandoc-lint" "[ $rc -eq 0 ] && [ ! -s '$tmp/lint' ]"
	linted=1
fi
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
	man --warnings -E UTF-8 -l "$page" >/dev/null 2>"$tmp/warn"
	rc=$?
	cat "$tmp/warn"
	check "man-groff-warnings" "[ $rc -eq 0 ] && [ ! -s '$tmp/warn' ]"
	linted=1
fi
check "man-linter-available" "[ $linted -eq 1 ]"

# The page's source with roff escapes of '-' and zero-width marks removed.
sed -e 's/\\-/-/g' -e 's/\\&//g' "$page" >"$tmp/src"

# 2. Version: .TH names the version that `csrlint version` prints.
ver=$("$bin" version | sed -n 's/^csrlint //p')
check "man-version" "[ -n '$ver' ] && grep -q '^\\.TH CSRLINT 1 [0-9-]* \"csrlint $ver\"' '$tmp/src'"

# 3. Every command that `csrlint help` lists has a section, and every long option of its
# --help is in the page. A command is skipped only when `csrlint help` does not list it.
"$bin" help >"$tmp/help" 2>&1
listed=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/help")
check "man-help-lists-commands" "[ -n '$listed' ]"
for cmd in $listed; do
	check "man-section-$cmd" "grep -q '^\\.SS $cmd\$' '$tmp/src'"
done
for cmd in inspect lint rules fix new batch-gcd; do
	if ! printf '%s\n' $listed | grep -qx "$cmd"; then
		echo "SKIP man-options-$cmd: \`csrlint help\` does not list $cmd"
		continue
	fi
	"$bin" "$cmd" --help >"$tmp/opts" 2>&1
	opts=$(grep -o -- '--[a-z][a-z0-9-]*' "$tmp/opts" | sort -u)
	missing=""
	n=0
	for o in $opts; do
		n=$((n + 1))
		grep -q -E -- "$o([^a-z0-9-]|\$)" "$tmp/src" || missing="$missing $o"
	done
	if [ "$n" -gt 0 ] && [ -z "$missing" ]; then
		echo "PASS man-options-$cmd ($n options)"
	else
		echo "FAIL man-options-$cmd: $n options in --help; not in $page:$missing"
	fi
done

# 4. Exit status, environment and files sections exist.
for s in "EXIT STATUS" "OUTPUT FORMATS" "ENVIRONMENT" "FILES" "EXAMPLES"; do
	check "man-has-$(echo "$s" | tr ' A-Z' '-a-z')" "grep -q '^\\.SH $s\$' '$tmp/src'"
done
check "man-env-no-color" "grep -q '^\\.B NO_COLOR\$' '$tmp/src'"
check "man-env-plugin-dir" "grep -q '^\\.B CSRL_PLUGIN_DIR\$' '$tmp/src'"
