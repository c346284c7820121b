#!/bin/sh
# The README's library example, compiled as a user would: `make install PREFIX=<tmp>` (the
# current BUILDDIR, DESTDIR unset), then the program between <!-- example:lint.c --> and
# <!-- /example --> built with `pkg-config --cflags --libs csrlint` against the shared library
# and with `pkg-config --static --libs` against the static one, run on corpus CSRs, and its
# output compared with `csrlint lint`. Also: the installed files (soname links, .pc, man
# page), the exported symbols, the header in C++, and `make uninstall` removing it all.
# A sanitized build (BUILDDIR built with SANITIZE=...) is tested the same way: the installed
# .pc file then carries -fsanitize in Libs. One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
: "${BUILDDIR:=build}"
corpus=${CSRL_CORPUS:-../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
good=$corpus/boulder/ca/testdata/ecdsa.der.csr          # warnings only
good_pem=$corpus/cfssl/bundler/testdata/cfssl-leaf-rsa2048.csr
bad=$corpus/boulder/ca/testdata/no_names.der.csr        # san.missing (error)
bad_pem=$corpus/pyca-cryptography/invalid_signature.pem # sig.invalid and more

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

# Run make as a child of this script: the inherited MAKEFLAGS keep the caller's variables
# (SANITIZE, CFLAGS, ...), so nothing is rebuilt with other flags, but its jobserver is gone.
MAKEFLAGS=$(printf '%s' "${MAKEFLAGS:-}" | sed -e 's/--jobserver-[a-z]*=[^ ]*//g' \
	-e 's/\(^\| \)-j[0-9]*//g')
export MAKEFLAGS
mk() { make --no-print-directory -C "$top" BUILDDIR="$BUILDDIR" PREFIX="$prefix" "$@"; }

# 1. The example, exactly as the README shows it.
sed -n '/^<!-- example:lint.c -->$/,/^<!-- \/example -->$/p' README.md |
	sed -e '1,2d' -e '$d' | sed '$d' >"$tmp/lint.c"
check "readme-example-extracted" "[ \$(wc -l <'$tmp/lint.c') -ge 25 ] && head -n 1 '$tmp/lint.c' | grep -q '^/\\* lint.c' && grep -q 'csrl_lint(' '$tmp/lint.c'"

# 2. Install.
unset DESTDIR
mk install >"$tmp/install.log" 2>&1
rc=$?
[ $rc -eq 0 ] || cat "$tmp/install.log"
check "make-install" "[ $rc -eq 0 ]"
lib=$prefix/lib
check "installed-static" "[ -f '$lib/libcsrlint.a' ]"
check "installed-shared" "[ -f '$lib/libcsrlint.so.0.1.0' ] && [ ! -L '$lib/libcsrlint.so.0.1.0' ]"
check "installed-soname-link" "[ \"\$(readlink '$lib/libcsrlint.so.0')\" = libcsrlint.so.0.1.0 ]"
check "installed-dev-link" "[ \"\$(readlink '$lib/libcsrlint.so')\" = libcsrlint.so.0 ]"
check "soname" "readelf -d '$lib/libcsrlint.so.0.1.0' | grep -q 'SONAME.*\\[libcsrlint.so.0\\]'"
check "installed-header" "[ -f '$prefix/include/csrlint/csrlint.h' ] && [ -f '$prefix/include/csrlint/errors.def' ]"
check "installed-pc" "[ -f '$lib/pkgconfig/csrlint.pc' ]"
check "installed-man" "[ -f '$prefix/share/man/man1/csrlint.1' ]"
check "installed-bin" "[ -x '$prefix/bin/csrlint' ]"

# 3. pkg-config: version, variables, private dependencies.
pc() { PKG_CONFIG_PATH=$lib/pkgconfig pkg-config "$@" csrlint; }
ver=$("$prefix/bin/csrlint" version | sed -n 's/^csrlint //p')
hdr=$(for p in MAJOR MINOR PATCH; do
	sed -n "s/^#define CSRL_VERSION_$p \([0-9]*\)\$/\1/p" "$prefix/include/csrlint/csrlint.h"
done | paste -sd.)
check "pc-version" "[ \"\$(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --modversion csrlint)\" = '$ver' ] && [ '$ver' = '$hdr' ] && [ -f '$lib/libcsrlint.so.$hdr' ]"
check "pc-plugindir" "[ -f \"\$(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --variable=plugindir csrlint)/san_count.lua\" ]"
check "pc-static-libs" "PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --static --libs csrlint | grep -q -- '-lgmp' && PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --static --libs csrlint | grep -q -- '-llua5.4' && PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --static --libs csrlint | grep -q -- '-pthread'"

# 4. Exports: exactly the functions the header declares.
sed -n 's/^[a-z][a-z0-9_ ]*[ *]\(csrl_[a-z0-9_]*\)(.*/\1/p' "$prefix/include/csrlint/csrlint.h" |
	sort -u >"$tmp/declared"
nm -D --defined-only "$lib/libcsrlint.so.0.1.0" | awk '$2 == "T" {print $3}' |
	sed 's/@.*//' | sort -u >"$tmp/exported"
check "exports-are-the-header" "[ \$(wc -l <'$tmp/declared') -ge 50 ] && cmp -s '$tmp/declared' '$tmp/exported' || { diff '$tmp/declared' '$tmp/exported'; false; }"
check "no-internal-exports" "! nm -D --defined-only '$lib/libcsrlint.so.0.1.0' | awk '{print \$3}' | grep -v '^CSRLINT_' | grep -qv '^csrl_'"

# 5. The header alone, in C++.
printf '#include <csrlint/csrlint.h>\nint main() { return csrl_version() == 0; }\n' >"$tmp/cxx.cc"
check "header-cxx" "c++ -std=c++11 -Wall -Wextra -Werror -pedantic -fsyntax-only \$(PKG_CONFIG_PATH=$lib/pkgconfig pkg-config --cflags csrlint) '$tmp/cxx.cc'"

# 6. Build the example both ways.
cflags="-std=c99 -Wall -Wextra -Werror -pedantic"
# shellcheck disable=SC2046
cc $cflags -o "$tmp/lint-shared" "$tmp/lint.c" $(pc --cflags --libs) >"$tmp/cc.log" 2>&1
rc=$?
cat "$tmp/cc.log"
check "cc-shared" "[ $rc -eq 0 ] && readelf -d '$tmp/lint-shared' | grep -q 'NEEDED.*\\[libcsrlint.so.0\\]'"
# shellcheck disable=SC2046
cc $cflags -o "$tmp/lint-static" "$tmp/lint.c" $(pc --cflags) \
	$(pc --static --libs | sed 's/-lcsrlint/-l:libcsrlint.a/') >"$tmp/cc.log" 2>&1
rc=$?
cat "$tmp/cc.log"
check "cc-static" "[ $rc -eq 0 ] && ! readelf -d '$tmp/lint-static' | grep -q 'NEEDED.*libcsrlint'"

# 7. Run: exit status and the very findings `csrlint lint` prints, as "severity rule: msg".
expect() {
	"$prefix/bin/csrlint" lint --no-default-plugins --no-batch "$1" 2>/dev/null |
		sed -n "s|^$1: \([a-z]*\) \([a-z0-9.-]*\): \(.*\) ([^()]* @[0-9]*)\$|\1 \2: \3|p"
}
for kind in shared static; do
	run() { LD_LIBRARY_PATH=$lib "$tmp/lint-$kind" "$@"; }
	for f in "$good" "$good_pem" "$bad" "$bad_pem"; do
		name=$(basename "$f")
		run "$f" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		expect "$f" >"$tmp/want"
		case "$f" in "$good"|"$good_pem") want_rc=0 ;; *) want_rc=1 ;; esac
		check "run-$kind-$name-exit-$want_rc" "[ $rc -eq $want_rc ] && [ ! -s '$tmp/err' ]"
		check "run-$kind-$name-same-as-cli" "[ -s '$tmp/want' ] && cmp -s '$tmp/out' '$tmp/want' || { diff '$tmp/want' '$tmp/out'; false; }"
	done
	run "$bad" >"$tmp/out"
	check "run-$kind-names-rule" "grep -q '^error san.missing: ' '$tmp/out'"
	run "$good" >"$tmp/out"
	check "run-$kind-good-no-error" "[ -s '$tmp/out' ] && ! grep -q '^error ' '$tmp/out'"
	printf 'not a CSR\n' >"$tmp/garbage"
	run "$tmp/garbage" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "run-$kind-garbage" "[ $rc -eq 1 ] && grep -q 'garbage: offset 0: input is neither PEM' '$tmp/err'"
done

# 8. Uninstall removes every installed file.
mk uninstall >"$tmp/uninstall.log" 2>&1
rc=$?
[ $rc -eq 0 ] || cat "$tmp/uninstall.log"
check "make-uninstall" "[ $rc -eq 0 ]"
left=$(find "$prefix" -type f -o -type l)
check "uninstall-removes-all" "[ -z '$left' ] || { echo '$left'; false; }"
