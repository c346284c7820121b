#!/bin/sh
# `csrlint fix`: every defect in tests/gen/defects (made by make.py there) is repaired, the
# result verifies with openssl and certtool, lints clean of that rule and keeps the key and
# the subject's order; clean requests round-trip; errors leave no output and exit non-zero.
# One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Private copies of the test keys: a checkout leaves them readable by others (mode 0644),
# which fix rightly warns about; the warning has its own test below.
mkdir -p "$tmp/rk" "$tmp/gk"
cp tests/rules/keys/*.pem "$tmp/rk/"
cp tests/gen/keys/* "$tmp/gk/"
chmod 600 "$tmp/rk/"*.pem "$tmp/gk/"*
keys=$tmp/rk
gk=$tmp/gk

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }
rules_of() { "$bin" lint --no-batch --format json "$1" | $py -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted({f["rule"] for f in d["results"][0]["findings"]})))'; }
pubkey() { openssl req -in "$1" -noout -pubkey 2>/dev/null; }
# subject attribute types as inspect prints them (RFC 4514: last RDN first)
types() { "$bin" inspect "$1" | sed -n 's/^ *Subject: //p' | tr ',' '\n' | sed 's/=.*//; s/^ *//' | tr '\n' ' '; }

for f in tests/gen/defects/*.pem; do
	rule=$(basename "$f" .pem)
	case "$rule" in clean-*) continue ;; esac
	out="$tmp/$rule.pem"
	"$bin" fix --key $keys/rsa2048.pem -o "$out" "$f" >"$tmp/log" 2>&1
	check "$rule-written" "[ -s '$out' ]"
	check "$rule-openssl" "openssl req -verify -noout -in '$out' 2>/dev/null"
	check "$rule-certtool" "certtool --crq-info --infile '$out' 2>/dev/null | grep -q 'Self signature: verified'"
	check "$rule-lints-clean" "! rules_of '$out' | grep -qw '$rule'"
	check "$rule-same-key" "[ \"\$(pubkey '$f')\" = \"\$(pubkey '$out')\" ]"
	check "$rule-diff-shown" "grep -q '^changes:' '$tmp/log' && grep -q '^remaining findings:' '$tmp/log'"
done
# what must not change
t=tests/gen/defects
check "order-kept" "[ \"\$(types $tmp/subject.country.invalid.pem)\" = \"\$(types $t/subject.country.invalid.pem)\" ]"
check "ku-kept" "openssl req -in $tmp/san.dns.uppercase.pem -noout -text | grep -q 'Digital Signature, Key Encipherment'"
check "multi-valued-split-in-order" "[ \"\$(types $tmp/subject.rdn.multi-valued.pem)\" = 'CN O C ' ]"
check "email-kept-with-flag" "$bin fix --keep-email --key $keys/rsa2048.pem -o $tmp/e.pem $t/subject.email-address-present.pem >/dev/null 2>&1; openssl req -in $tmp/e.pem -noout -subject | grep -q emailAddress"
check "attrs-kept-with-flag" "$bin fix --keep-attrs --key $keys/rsa2048.pem -o $tmp/a.pem $t/attr.challenge-password.present.pem >/dev/null 2>&1; rules_of $tmp/a.pem | grep -q challenge-password"
check "password-never-printed" "! grep -q secret '$tmp/log' && ! $bin fix --key $keys/rsa2048.pem -o $tmp/p.pem $t/attr.challenge-password.present.pem 2>&1 | grep -q secret"

# round trip: a clean RSA request comes back byte for byte (PKCS#1 v1.5 is deterministic)
"$bin" fix --key $keys/rsa2048.pem --der -o "$tmp/c.der" $t/clean-rsa2048.pem >/dev/null 2>&1
openssl req -in $t/clean-rsa2048.pem -outform DER -out "$tmp/orig.der"
check "round-trip-identical" "cmp -s '$tmp/c.der' '$tmp/orig.der'"
"$bin" fix --key $keys/p256.pem -o "$tmp/c2.pem" $t/clean-p256.pem >"$tmp/log" 2>&1
check "round-trip-ecdsa-exit-0" "[ $? -eq 0 ] && grep -q 'none besides the encoding' '$tmp/log'"
check "round-trip-ecdsa-verifies" "openssl req -verify -noout -in '$tmp/c2.pem' 2>/dev/null"
"$bin" fix --dry-run --key $keys/rsa2048.pem -o "$tmp/dry.pem" $t/san.dns.uppercase.pem >"$tmp/log" 2>&1
check "dry-run-writes-nothing" "[ ! -e '$tmp/dry.pem' ] && grep -q 'WWW.Example.com' '$tmp/log'"
"$bin" fix $t/san.dns.uppercase.pem >"$tmp/log" 2>&1
check "no-key-explains" "grep -q 'signing needs' '$tmp/log'"
"$bin" fix --format json --key $keys/rsa2048.pem $t/san.duplicate.pem >"$tmp/out.json" 2>"$tmp/err"
check "json-report" "$py -c 'import json; d=json.load(open(\"$tmp/out.json\")); assert d[\"diff\"][\"subjectAltName\"][\"after\"]==\"DNS:www.example.com\" and d[\"csr\"].startswith(\"-----BEGIN\")'"

# in place: atomic replacement of the input only when asked
cp $t/san.dns.uppercase.pem "$tmp/inplace.pem"
"$bin" fix --in-place --key $keys/rsa2048.pem "$tmp/inplace.pem" >/dev/null 2>&1
check "in-place" "! cmp -s '$tmp/inplace.pem' $t/san.dns.uppercase.pem && openssl req -verify -noout -in '$tmp/inplace.pem' 2>/dev/null && [ \$(ls -A '$tmp' | grep -c '^.csrlint-') -eq 0 ]"

# unfixable: a 1024-bit key stays an error, the CSR is still written, exit 1
openssl req -new -key $keys/rsa1024.pem -subj /CN=www.example.com -addext subjectAltName=DNS:www.example.com -out "$tmp/weak.csr" 2>/dev/null
"$bin" fix --key $keys/rsa1024.pem -o "$tmp/weak-fixed.pem" "$tmp/weak.csr" >"$tmp/log" 2>&1
check "unfixable-exit-1" "[ $? -eq 1 ] && [ -s '$tmp/weak-fixed.pem' ] && grep -q 'key.rsa.modulus-too-small' '$tmp/log'"

# errors: clear message, no output file, non-zero exit
"$bin" fix --key $keys/p256.pem -o "$tmp/x1.pem" $t/san.missing.pem >"$tmp/log" 2>&1
check "wrong-key" "[ $? -eq 3 ] && [ ! -e '$tmp/x1.pem' ] && grep -q 'not the private key of this request' '$tmp/log'"
"$bin" fix --key $gk/rsa2048-aes256.pem -o "$tmp/x2.pem" $gk/rsa2048.csr </dev/null >"$tmp/log" 2>&1
check "encrypted-no-pass" "[ $? -eq 3 ] && [ ! -e '$tmp/x2.pem' ] && grep -q 'passin' '$tmp/log'"
"$bin" fix --key $gk/rsa2048-aes256.pem --passin env:NO_SUCH_VAR_X -o "$tmp/x3.pem" $gk/rsa2048.csr >"$tmp/log" 2>&1
check "encrypted-env-missing" "[ $? -eq 3 ] && [ ! -e '$tmp/x3.pem' ]"
PW='correct horse battery staple' "$bin" fix --key $gk/rsa2048-aes256.pem --passin env:PW -o "$tmp/x4.pem" $gk/rsa2048.csr >/dev/null 2>&1
check "encrypted-env-pass" "openssl req -verify -noout -in '$tmp/x4.pem' 2>/dev/null"
"$bin" fix --key $keys/rsa2048.pem -o "$tmp/no/such/dir/x.pem" $t/san.missing.pem >"$tmp/log" 2>&1
check "unwritable-output" "[ $? -eq 3 ] && grep -q 'cannot write' '$tmp/log' && [ ! -e '$tmp/no' ]"
cp $keys/rsa2048.pem "$tmp/open.pem"; chmod 644 "$tmp/open.pem"
"$bin" fix --key "$tmp/open.pem" -o "$tmp/x5.pem" $t/san.missing.pem >"$tmp/log" 2>&1
check "key-permissions-warning" "grep -q 'readable by others' '$tmp/log'"
check "key-never-printed" "! grep -q 'PRIVATE KEY' '$tmp/log'"
"$bin" fix --key "$tmp/open.pem" --pss -o "$tmp/pss.pem" $t/san.missing.pem >/dev/null 2>&1
check "pss-on-request" "openssl req -verify -noout -in '$tmp/pss.pem' 2>/dev/null && certtool --crq-info --infile '$tmp/pss.pem' | grep -q 'RSA-PSS'"

# every key type of tests/gen/keys re-signs
for k in p256 p384 ed25519; do
	"$bin" fix --key $keys/$k.pem -o "$tmp/k-$k.pem" $gk/$k.csr >/dev/null 2>&1
	check "sign-$k" "openssl req -verify -noout -in '$tmp/k-$k.pem' 2>/dev/null && certtool --crq-info --infile '$tmp/k-$k.pem' | grep -q 'Self signature: verified'"
done
"$bin" fix --key $gk/ed448.pem -o "$tmp/k-ed448.pem" $gk/ed448.csr >/dev/null 2>&1
check "sign-ed448" "openssl req -verify -noout -in '$tmp/k-ed448.pem' 2>/dev/null"
