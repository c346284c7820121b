#!/bin/sh
# `csrlint new`: requests built with the test keys and with generated keys verify with openssl
# and certtool and lint clean (tls-server; Ed25519 in private-pki); error findings block the
# write unless --force; a generated key is mode 0600 and never overwrites a file; bad
# options are usage errors that leave no file. One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Private copies of the test keys: a checkout leaves them mode 0644, which new warns about.
mkdir -p "$tmp/rk"
cp tests/rules/keys/*.pem "$tmp/rk/"
chmod 600 "$tmp/rk/"*.pem
keys=$tmp/rk
subj="/C=DE/O=Example/CN=www.example.com"
sans="--san dns:www.example.com --san dns:example.com --san ip:93.184.216.34"

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }
profile_of() { case "$1" in ed25519*) echo private-pki ;; *) echo tls-server ;; esac; }
pubkey() { openssl req -in "$1" -noout -pubkey 2>/dev/null; }
accepted() {	# name csr profile
	check "$1-openssl" "openssl req -verify -noout -in '$2' 2>/dev/null"
	check "$1-certtool" "certtool --crq-info --infile '$2' 2>/dev/null | grep -q 'Self signature: verified'"
	check "$1-lints-clean" "'$bin' lint --profile $3 '$2' >/dev/null 2>&1"
}

# given keys
for k in rsa2048 p256 p384 ed25519; do
	p=$(profile_of $k)
	out=$tmp/$k.csr
	"$bin" new --key "$keys/$k.pem" --subject "$subj" $sans --ku digitalSignature \
		--eku serverAuth,clientAuth --profile "$p" -o "$out" >"$tmp/log" 2>&1
	check "key-$k-exit-0" "[ $? -eq 0 ]"
	accepted "key-$k" "$out" "$p"
	check "key-$k-same-key" "[ \"\$(pubkey '$out')\" = \"\$(openssl pkey -in '$keys/$k.pem' -pubout)\" ]"
	check "key-$k-subject" "'$bin' inspect '$out' | grep -q 'Subject: CN=www.example.com,O=Example,C=DE'"
done
# generated keys
for t in rsa:2048 rsa:3072 ec:P-256 ec:P-384 ed25519; do
	n=$(echo "$t" | tr ':' '-')
	p=$(profile_of $n)
	out=$tmp/new-$n.csr
	"$bin" new --new-key "$t" --key-out "$tmp/$n.key" --subject "$subj" $sans --profile "$p" \
		-o "$out" >"$tmp/log" 2>&1
	check "new-$n-exit-0" "[ $? -eq 0 ]"
	accepted "new-$n" "$out" "$p"
	check "new-$n-key-0600" "[ \"\$(stat -c %a '$tmp/$n.key')\" = 600 ]"
	check "new-$n-key-pkcs8" "head -1 '$tmp/$n.key' | grep -q '^-----BEGIN PRIVATE KEY-----'"
	check "new-$n-key-matches" "[ \"\$(pubkey '$out')\" = \"\$(openssl pkey -in '$tmp/$n.key' -pubout)\" ]"
	check "new-$n-no-key-printed" "! grep -q 'PRIVATE KEY' '$tmp/log'"
done
check "new-der" "'$bin' new --key '$keys/p256.pem' --subject '$subj' --san dns:www.example.com --der -o '$tmp/d.der' && openssl req -inform DER -verify -noout -in '$tmp/d.der' 2>/dev/null"
check "new-multivalued-rdn" "'$bin' new --key '$keys/p256.pem' --subject '/O=Example/OU=A+CN=www.example.com' --profile rfc --san dns:www.example.com -o '$tmp/mv.csr' && openssl req -verify -noout -in '$tmp/mv.csr' 2>/dev/null && openssl req -in '$tmp/mv.csr' -noout -subject -nameopt RFC2253 | grep -q 'OU=A+CN=www.example.com\\|CN=www.example.com+OU=A'"
check "new-escape" "'$bin' new --key '$keys/p256.pem' --subject '/O=A\\/B\\+C/CN=www.example.com' --profile rfc --san dns:www.example.com -o '$tmp/esc.csr' && openssl req -in '$tmp/esc.csr' -noout -subject -nameopt RFC2253 | grep -q 'O=A/B\\\\+C'"
check "new-empty-subject-san-critical" "'$bin' new --key '$keys/p256.pem' --subject / --san dns:www.example.com --profile rfc -o '$tmp/e.csr' && openssl req -in '$tmp/e.csr' -noout -text | grep -q 'Subject Alternative Name: critical'"
check "new-trailing-slash" "'$bin' new --key '$keys/p256.pem' --subject '/CN=www.example.com/' --san dns:www.example.com -o '$tmp/t.csr' && openssl req -in '$tmp/t.csr' -noout -subject | grep -q 'subject=CN = www.example.com\$'"
check "new-san-not-critical" "openssl req -in '$tmp/t.csr' -noout -text | grep 'Subject Alternative Name' | grep -vq critical"
check "new-stdout" "'$bin' new --key '$keys/p256.pem' --subject '$subj' --san dns:www.example.com 2>/dev/null | openssl req -verify -noout 2>/dev/null"

# --force: a documentation address is an error finding in tls-server
rm -f "$tmp/f.csr"
"$bin" new --key "$keys/p256.pem" --subject "$subj" --san ip:192.0.2.1 -o "$tmp/f.csr" >"$tmp/log" 2>&1
check "force-refused-exit-1" "[ $? -eq 1 ]"
check "force-refused-no-file" "[ ! -e '$tmp/f.csr' ]"
check "force-refused-findings-printed" "grep -q 'error san.ip.reserved' '$tmp/log'"
"$bin" new --key "$keys/p256.pem" --subject "$subj" --san ip:192.0.2.1 --force -o "$tmp/f.csr" >"$tmp/log" 2>&1
check "force-written-exit-1" "[ $? -eq 1 ]"
check "force-written" "openssl req -verify -noout -in '$tmp/f.csr' 2>/dev/null"
rm -f "$tmp/g.key"
"$bin" new --new-key ec:P-256 --key-out "$tmp/g.key" --subject "$subj" --san ip:192.0.2.1 -o "$tmp/g.csr" >/dev/null 2>&1
check "force-refused-no-key-file" "[ ! -e '$tmp/g.key' ] && [ ! -e '$tmp/g.csr' ]"

# never overwrite a key
echo keep >"$tmp/exists.key"
"$bin" new --new-key ec:P-256 --key-out "$tmp/exists.key" --subject "$subj" --san dns:www.example.com -o "$tmp/x.csr" >"$tmp/log" 2>&1
check "key-out-exists-exit-3" "[ $? -eq 3 ]"
check "key-out-exists-kept" "[ \"\$(cat '$tmp/exists.key')\" = keep ] && [ ! -e '$tmp/x.csr' ]"
check "key-out-exists-message" "grep -q 'exists; not overwriting' '$tmp/log'"
# an unwritable CSR path leaves no key behind
"$bin" new --new-key ec:P-256 --key-out "$tmp/orphan.key" --subject "$subj" --san dns:www.example.com -o "$tmp/no/such/dir.csr" >/dev/null 2>&1
check "unwritable-out-exit-3" "[ $? -eq 3 ]"
check "unwritable-out-no-key" "[ ! -e '$tmp/orphan.key' ]"
check "missing-key-exit-3" "'$bin' new --key '$tmp/nope.pem' --subject '$subj' -o '$tmp/m.csr' >/dev/null 2>&1; [ \$? -eq 3 ] && [ ! -e '$tmp/m.csr' ]"

# usage errors: exit 2, one line naming the value, no file
usage() {	# name expected-text args...
	n=$1 want=$2
	shift 2
	rm -f "$tmp/u.csr"
	"$bin" new "$@" -o "$tmp/u.csr" >"$tmp/log" 2>&1
	check "usage-$n-exit-2" "[ $? -eq 2 ]"
	check "usage-$n-message" "grep -qF -- \"\$want\" '$tmp/log'"
	check "usage-$n-no-file" "[ ! -e '$tmp/u.csr' ]"
}
usage subject-type "unknown attribute type 'XX'" --key "$keys/p256.pem" --subject "/C=DE/XX=y/CN=a.example.com"
usage subject-no-slash "must start with '/'" --key "$keys/p256.pem" --subject "CN=a.example.com"
usage subject-no-equals "is not TYPE=value" --key "$keys/p256.pem" --subject "/CN"
usage subject-empty-rdn "an empty attribute" --key "$keys/p256.pem" --subject "/CN=a.example.com//O=b"
usage subject-empty-value "CN has an empty value" --key "$keys/p256.pem" --subject "/CN="
usage san-type "--san 'foo:bar'" --key "$keys/p256.pem" --subject "$subj" --san foo:bar
usage san-ip "not an IPv4 or IPv6 address" --key "$keys/p256.pem" --subject "$subj" --san ip:300.1.1.1
usage ku "unknown key usage 'signing'" --key "$keys/p256.pem" --subject "$subj" --ku digitalSignature,signing
usage eku "unknown purpose 'webAuth'" --key "$keys/p256.pem" --subject "$subj" --eku webAuth
usage new-key-type "unknown key type 'ec:P-999'" --new-key ec:P-999 --key-out "$tmp/k" --subject "$subj"
usage no-key-out "needs --key-out" --new-key ed25519 --subject "$subj"
usage two-keys "exactly one of" --key "$keys/p256.pem" --new-key ed25519 --key-out "$tmp/k" --subject "$subj"
usage no-subject "subject is required" --key "$keys/p256.pem"
check "usage-new-key-no-file" "[ ! -e '$tmp/k' ]"
check "help-new" "'$bin' help new | grep -q -- '--new-key TYPE'"
check "new-help" "'$bin' new --help | grep -q -- '--key-out FILE'"
