#!/bin/sh
# CLI tests for `csrlint inspect`: outputs on real samples, and unreadable inputs that must each
# give one clear error line (file + offset) and a non-zero exit while other files still report.
# Prints one "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
corpus=${CSRL_CORPUS:?CSRL_CORPUS must be set}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
samples=tests/data/samples

ok() { echo "PASS $1"; }
no() { echo "FAIL $1: $2"; }
# expect NAME COND-DESCRIPTION: run by caller with if/else
check() { if eval "$2"; then ok "$1"; else no "$1" "$2"; fi; }

# --- hostile and unreadable inputs --------------------------------------------------
: > "$tmp/empty.der"
head -c 40 "$samples/p256-api.der" > "$tmp/truncated.der"
# deterministic pseudo-random bytes that start with a non-SEQUENCE byte
LC_ALL=C awk 'BEGIN { srand(7); printf "%c", 156; for (i = 0; i < 4095; i++) printf "%c", int(rand() * 255) + 1 }' > "$tmp/random.bin"
# 50,000 nested SEQUENCEs in indefinite form: 30 80 repeated
LC_ALL=C awk 'BEGIN { for (i = 0; i < 50000; i++) printf "0\200" }' > "$tmp/nested.der"
# a SEQUENCE claiming 2 GiB of content
printf '\060\204\200\000\000\000\002\001\000' > "$tmp/huge-length.der"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null \
	-subj /CN=cert -days 1 -out "$tmp/cert.pem" 2>/dev/null
openssl x509 -in "$tmp/cert.pem" -outform DER -out "$tmp/cert.der"

for f in empty.der truncated.der random.bin nested.der huge-length.der cert.pem cert.der; do
	"$bin" inspect "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l < "$tmp/err")
	check "unreadable-$f-exit" "[ $rc -eq 1 ]"
	check "unreadable-$f-one-line" "[ $lines -eq 1 ]"
	check "unreadable-$f-names-file-and-offset" \
		"grep -q '^$tmp/$f: \(line [0-9]* (\)\{0,1\}offset [0-9]*' '$tmp/err'"
done
check "empty-says-empty" "grep -q 'empty' '$tmp/err' || true; $bin inspect $tmp/empty.der 2>&1 | grep -q 'file is empty'"
check "nested-says-depth" "$bin inspect $tmp/nested.der 2>&1 | grep -qi 'depth\|nest'"
check "huge-length-says-truncated" "$bin inspect $tmp/huge-length.der 2>&1 | grep -q '2147483648'"
check "cert-pem-says-certificate" "$bin inspect $tmp/cert.pem 2>&1 | grep -q 'is an X.509 certificate, not a certificate request'"
check "cert-der-says-certificate" "$bin inspect $tmp/cert.der 2>&1 | grep -q 'X.509 certificate'"

# a batch goes on past bad files and reports every good one
"$bin" inspect "$tmp/empty.der" "$samples/rsa2048-server.csr" "$tmp/nested.der" \
	"$samples/p256-api.der" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "batch-exit-1" "[ $rc -eq 1 ]"
check "batch-two-errors" "[ \$(wc -l < '$tmp/err') -eq 2 ]"
check "batch-two-reports" "[ \$(grep -c '^File: ' '$tmp/out') -eq 2 ]"

# --- reports on good inputs ---------------------------------------------------------
"$bin" inspect "$samples/rsa2048-server.csr" >"$tmp/out" 2>"$tmp/err"
check "rsa-exit-0" "[ $? -eq 0 ]"
check "rsa-subject" "grep -q 'CN=www.example.com,O=Example GmbH,C=DE' '$tmp/out'"
check "rsa-key" "grep -q '2048' '$tmp/out' && grep -q '65537' '$tmp/out'"
check "rsa-san" "grep -q 'DNS:www.example.com' '$tmp/out'"
check "rsa-valid" "grep -qi 'verification: valid' '$tmp/out'"
fp=$(openssl req -in "$samples/rsa2048-server.csr" -noout -pubkey | openssl pkey -pubin -outform DER |
	openssl dgst -sha256 -r | cut -c1-64)
fpc=$(echo "$fp" | sed 's/../&:/g; s/:$//')
check "rsa-spki-sha256" "tr 'A-F' 'a-f' < '$tmp/out' | grep -q '$fpc\|$fp'"

"$bin" inspect "$samples/tampered-signature.csr" >"$tmp/out" 2>&1
check "tampered-invalid" "grep -qi 'verification: invalid' '$tmp/out'"
check "password-redacted" "! grep -q 'sample-secret' '$tmp/out'"

cat "$samples/rsa2048-server.csr" "$samples/ed25519-device.csr" | "$bin" inspect - >"$tmp/out" 2>&1
check "stdin-two-csrs" "[ \$(grep -c '^File: <stdin>' '$tmp/out') -eq 2 ]"

"$bin" inspect "$corpus/pyca-cryptography/basic_constraints.pem" >"$tmp/out" 2>&1
check "text-around-pem" "grep -q 'CN=cryptography.io' '$tmp/out'"
"$bin" inspect "$corpus/pyca-cryptography/ec_sha256_old_header.pem" >"$tmp/out" 2>&1
check "legacy-label" "[ $? -eq 0 ] && grep -q 'P-384' '$tmp/out'"

"$bin" inspect --asn1 "$corpus/pyca-cryptography/freeipa-bad-critical.pem" >"$tmp/out" 2>&1
check "asn1-marks-explicit-default" "grep -q '!! explicit-default at offset 428' '$tmp/out'"
"$bin" inspect --asn1 "$corpus/gnutls/fuzz/gnutls_x509_crq_parser_fuzzer.repro/3e94dcdff862ef5d6db8b5cc8e59310b5f0cdfe2" >"$tmp/out" 2>&1
check "asn1-marks-der-anomaly" "grep -q '!! der.length-not-minimal at offset 9' '$tmp/out' && grep -q '!! der.integer-empty at offset 8' '$tmp/out'"
"$bin" inspect --asn1 "$samples/p256-api.der" >"$tmp/out" 2>&1
check "asn1-oid-names" "grep -q 'ecdsa-with-SHA256' '$tmp/out' && grep -q 'prime256v1\|P-256' '$tmp/out'"

"$bin" inspect --format json "$samples/p256-api.der" "$tmp/empty.der" >"$tmp/out" 2>"$tmp/err"
check "json-exit-1" "[ $? -eq 1 ]"
check "json-parses" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(\"$tmp/out\")); assert len(d[\"results\"]) == 2; assert d[\"results\"][0][\"verification\"][\"status\"] == \"valid\"; assert d[\"results\"][1][\"error\"][\"code\"] == \"EMPTY\"'"

# --- usage --------------------------------------------------------------------------
"$bin" inspect >/dev/null 2>&1
check "usage-no-files-exit-2" "[ $? -eq 2 ]"
"$bin" inspect --format yaml x >/dev/null 2>&1
check "usage-bad-format-exit-2" "[ $? -eq 2 ]"
"$bin" frobnicate >/dev/null 2>&1
check "usage-unknown-command-exit-2" "[ $? -eq 2 ]"
"$bin" --help | grep -q 'inspect'
check "help-lists-inspect" "[ $? -eq 0 ]"
