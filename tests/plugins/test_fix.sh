#!/bin/sh
# Fixes declared by Lua rules, through `csrlint fix`: the bundled san_wildcard and subject_org
# fixes and a test rule using every edit give requests that openssl and certtool verify, that
# lint clean of the rule and keep everything else (subject order, other extensions, the key);
# --dry-run writes nothing; each hostile fix in tests/plugins/fix/hostile.lua ends in a clear
# error naming the rule and FILE:LINE, exit 3 and no output, and never shows the private key.
# One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
d=tests/plugins/fix
# private copies of the keys: a checkout leaves them readable by others
cp tests/rules/keys/rsa2048.pem tests/rules/keys/p256.pem "$tmp/"
chmod 600 "$tmp/rsa2048.pem" "$tmp/p256.pem"
rsa=$tmp/rsa2048.pem
p256=$tmp/p256.pem

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }
pubkey() { openssl req -in "$1" -noout -pubkey 2>/dev/null; }
text() { openssl req -in "$1" -noout -text 2>/dev/null; }
verifies() {
	openssl req -verify -noout -in "$1" 2>/dev/null &&
		certtool --crq-info --infile "$1" 2>/dev/null | grep -q 'Self signature: verified'
}
# subject attribute types in encoding order
types() { openssl req -in "$1" -noout -subject -nameopt sep_comma_plus,sname 2>/dev/null |
	sed 's/^subject=//' | tr ',' '\n' | sed 's/=.*//' | tr '\n' ' '; }

# ---- the bundled wildcard rule (--param) ------------------------------------------------
openssl req -new -key "$rsa" -subj "/C=DE/O=Example Ltd/CN=*.example.com" \
	-addext "subjectAltName=DNS:*.example.com,DNS:www.example.com,DNS:mail.example.com" \
	-addext "keyUsage=critical,digitalSignature,keyEncipherment" \
	-addext "extendedKeyUsage=serverAuth" -out "$tmp/wild.csr" 2>/dev/null
"$bin" fix --param deny_wildcards=true --key "$rsa" -o "$tmp/wild.pem" "$tmp/wild.csr" \
	>"$tmp/log" 2>&1
check "wildcard-exit-0" "[ $? -eq 0 ] && [ -s '$tmp/wild.pem' ]"
check "wildcard-verifies" "verifies '$tmp/wild.pem'"
check "wildcard-logged" "grep -q 'fixed: plugin rule policy.san.wildcard-denied: subjectAltName: removed DNS \*.example.com' '$tmp/log' && grep -q 'fixed: plugin rule policy.san.wildcard-denied: subject: CN \"\*.example.com\" -> \"www.example.com\"' '$tmp/log'"
"$bin" lint --param deny_wildcards=true --format json "$tmp/wild.pem" >"$tmp/lint" 2>&1
check "wildcard-lints-clean" "grep -q '\"findings\": \[\]' '$tmp/lint' && ! grep -q wildcard-denied '$tmp/lint'"
check "wildcard-san" "text '$tmp/wild.pem' | grep -q '^ *DNS:www.example.com, DNS:mail.example.com$'"
check "wildcard-order-kept" "[ \"\$(types '$tmp/wild.pem')\" = 'C O CN ' ]"
check "wildcard-exts-kept" "text '$tmp/wild.pem' | grep -A1 'Key Usage: critical' | grep -q 'Digital Signature, Key Encipherment' && text '$tmp/wild.pem' | grep -A1 'Extended Key Usage' | grep -q 'TLS Web Server'"
check "wildcard-same-key" "[ \"\$(pubkey '$tmp/wild.csr')\" = \"\$(pubkey '$tmp/wild.pem')\" ]"

# the same through a policy; unconfigured, the rule and its fix stay inert
"$bin" fix --policy plugins/policies/public-no-wildcards.lua --key "$rsa" -o "$tmp/pol.pem" \
	"$tmp/wild.csr" >"$tmp/log" 2>&1
check "policy-fix" "[ $? -eq 0 ] && verifies '$tmp/pol.pem' && grep -q 'plugin rule policy.san.wildcard-denied' '$tmp/log'"
"$bin" fix --key "$rsa" -o "$tmp/inert.pem" "$tmp/wild.csr" >"$tmp/log" 2>&1
check "inert-unconfigured" "[ -s '$tmp/inert.pem' ] && ! grep -q 'plugin rule' '$tmp/log' && text '$tmp/inert.pem' | grep -q 'DNS:\*.example.com'"
"$bin" fix --no-default-plugins --param deny_wildcards=true --key "$rsa" -o "$tmp/x.pem" \
	"$tmp/wild.csr" >"$tmp/log" 2>&1
check "no-default-plugins" "[ $? -eq 2 ] && [ ! -e '$tmp/x.pem' ] && grep -q 'no loaded rule has this parameter' '$tmp/log'"

# nothing exact to fall back on: the fix declines and the finding stays
openssl req -new -key "$rsa" -subj "/CN=*.example.com" -addext "subjectAltName=DNS:*.example.com" \
	-out "$tmp/onlywild.csr" 2>/dev/null
"$bin" fix --param deny_wildcards=true --key "$rsa" -o "$tmp/onlywild.pem" "$tmp/onlywild.csr" \
	>"$tmp/log" 2>&1
check "declined-kept" "[ $? -eq 1 ] && verifies '$tmp/onlywild.pem' && grep -q 'its fix ran and changed nothing' '$tmp/log' && grep -q 'error policy.san.wildcard-denied' '$tmp/log'"

# --dry-run: the plan is shown, nothing is written
"$bin" fix --dry-run --param deny_wildcards=true --key "$rsa" -o "$tmp/dry.pem" "$tmp/wild.csr" \
	>"$tmp/log" 2>&1
check "dry-run-writes-nothing" "[ ! -e '$tmp/dry.pem' ] && grep -q 'plugin rule policy.san.wildcard-denied' '$tmp/log' && grep -q 'dry run: nothing written' '$tmp/log'"
"$bin" fix --format json --param deny_wildcards=true --key "$rsa" "$tmp/wild.csr" >"$tmp/json" 2>&1
check "json-changes" "/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(c.startswith(\"plugin rule policy.san.wildcard-denied: \") for c in d[\"changes\"]); assert d[\"fixers_applied\"] >= 1' '$tmp/json'"

# ---- the bundled organisation rule, on an ECDSA key ---------------------------------------
openssl req -new -key "$p256" -subj "/C=DE/O=Wrong Org/OU=Devices/CN=dev1.example.com" \
	-addext "subjectAltName=DNS:dev1.example.com" -out "$tmp/org.csr" 2>/dev/null
"$bin" fix --param 'organization=Example Devices Ltd' --key "$p256" -o "$tmp/org.pem" \
	"$tmp/org.csr" >"$tmp/log" 2>&1
check "org-exit-0" "[ $? -eq 0 ] && verifies '$tmp/org.pem'"
check "org-set" "openssl req -in '$tmp/org.pem' -noout -subject | grep -q 'O = Example Devices Ltd, OU = Devices, CN = dev1.example.com'"
check "org-order-kept" "[ \"\$(types '$tmp/org.pem')\" = 'C O OU CN ' ]"
check "org-lints-clean" "! '$bin' lint --param 'organization=Example Devices Ltd' '$tmp/org.pem' | grep -q o-mismatch"
check "org-same-key" "[ \"\$(pubkey '$tmp/org.csr')\" = \"\$(pubkey '$tmp/org.pem')\" ]"

# ---- every edit once (tests/plugins/fix/ops.lua) ------------------------------------------
cat >"$tmp/ops.cnf" <<'EOF'
[req]
distinguished_name = dn
attributes = attrs
prompt = no
[dn]
C = DE
O = Example
OU = Remove Me
CN = www.example.com
[attrs]
unstructuredName = Example unit
EOF
openssl req -new -config "$tmp/ops.cnf" -key "$rsa" \
	-addext "subjectAltName=DNS:www.example.com,email:admin@example.com" \
	-addext "keyUsage=digitalSignature" -addext "basicConstraints=critical,CA:FALSE" \
	-addext "1.2.3.4=ASN1:UTF8String:private" -out "$tmp/ops.csr" 2>/dev/null
"$bin" fix --plugin $d/ops.lua --key "$rsa" -o "$tmp/ops.pem" "$tmp/ops.csr" >"$tmp/log" 2>&1
check "ops-written" "[ -s '$tmp/ops.pem' ] && verifies '$tmp/ops.pem'"
t=$(text "$tmp/ops.pem")
check "ops-subject" "[ \"\$(types '$tmp/ops.pem')\" = 'C O CN ' ]"
check "ops-san" "echo \"\$t\" | grep -q '^ *DNS:www.example.com, DNS:api.example.com$'"
check "ops-critical" "echo \"\$t\" | grep -q 'Key Usage: critical'"
check "ops-ext-removed" "! echo \"\$t\" | grep -q '1.2.3.4' && echo \"\$t\" | grep -A1 'Basic Constraints: critical' | grep -q 'CA:FALSE'"
check "ops-attr-removed" "! echo \"\$t\" | grep -q unstructuredName && openssl req -in '$tmp/ops.csr' -noout -text | grep -q unstructuredName"
check "ops-lints-clean" "! '$bin' lint --plugin $d/ops.lua '$tmp/ops.pem' | grep -q test.fix.ops"
check "ops-logged" "[ \$(grep -c 'fixed: plugin rule test.fix.ops: ' '$tmp/log') -eq 6 ]"

# ---- hostile fixes: a clear error naming rule and line, exit 3, nothing written -----------
# hostile MODE TEXT: runs the fix in MODE; wants TEXT after "hostile.lua:LINE: "
hostile() {
	rm -f "$tmp/h.pem"
	start=$(date +%s)
	timeout 60 "$bin" fix --no-default-plugins --plugin $d/hostile.lua --param "mode=$1" \
		--key "$rsa" -o "$tmp/h.pem" "$tmp/wild.csr" >"$tmp/h.log" 2>&1
	rc=$? secs=$(( $(date +%s) - start ))
	cp "$tmp/h.log" "$tmp/h-$1.log"
	check "hostile-$1" "[ $rc -eq 3 ] && [ $secs -lt 10 ] && [ ! -e '$tmp/h.pem' ] && [ \$(wc -l <'$tmp/h.log') -eq 1 ] && grep -q \"^csrlint fix: $tmp/wild.csr: Lua rule test.fix.hostile: its fix failed, so nothing was written: $d/hostile.lua:[0-9]*: $2\" '$tmp/h.log'"
}
hostile loop 'instruction budget of [0-9]* exceeded'
hostile pcall_loop 'instruction budget of [0-9]* exceeded'
hostile memory 'memory limit of [0-9]* bytes exceeded'
hostile error 'this fix gives up'
hostile bad_index "bad argument #1 to 'set_subject_value' (integer expected, got string)"
hostile bad_value "bad argument #2 to 'set_subject_value' (string expected, got number)"
hostile bad_bool "bad argument #2 to 'set_extension_critical' (boolean expected, got string)"
hostile control 'a subject value must be UTF-8 without control characters (byte 4 is not)'
hostile no_value 'the subject has no value #99 (it has 3)'
hostile no_name 'the subjectAltName has no dns name .absent.example.com.'
hostile no_ext 'the request has no basicConstraints extension'
hostile no_attr 'the request has no challengePassword attribute'
hostile bad_type "unknown subjectAltName type 'x400'"
hostile bad_dns 'dns name .www.example.com; rm -rf /. holds a character not allowed there'
hostile ext_request 'extensionRequest holds the extensions'
hostile absent 'the subject has no C'
hostile edits 'more than 1024 edits in one fix'
hostile names 'the request holds the most names the generator keeps (1024)'
hostile no_method "attempt to call a nil value (method 'sign')"
hostile key 'reached: nothing'
# nor does any failing fix's message show the private key
body=$(sed -n 2p "$rsa")
cat "$tmp"/h-*.log >"$tmp/all.log"
check "key-never-shown" "[ -s '$tmp/all.log' ] && ! grep -q 'PRIVATE' '$tmp/all.log' && ! grep -qF '$body' '$tmp/all.log'"

# a handle kept past its fix is stale: the re-lint's check() fails cleanly
"$bin" fix --no-default-plugins --plugin $d/hostile.lua --param mode=keep --key "$rsa" \
	-o "$tmp/keep.pem" "$tmp/wild.csr" >"$tmp/log" 2>&1
check "stale-request-handle" "[ $? -eq 1 ] && grep -q 'fatal test.fix.hostile: .*a request handle was used after its fix ended' '$tmp/log'"

"$bin" fix --no-default-plugins --plugin $d/bad-fix.lua --key "$rsa" -o "$tmp/x.pem" \
	"$tmp/wild.csr" >"$tmp/log" 2>&1
check "bad-fix-field" "[ $? -eq 2 ] && [ ! -e '$tmp/x.pem' ] && grep -q \"$d/bad-fix.lua: rule #1: field 'fix' must be a function when present\" '$tmp/log'"
"$bin" fix --help >"$tmp/log" 2>&1
check "help" "[ $? -eq 0 ] && grep -q -- '--plugin FILE' '$tmp/log' && grep -q -- '--policy FILE' '$tmp/log' && grep -q -- '--no-default-plugins' '$tmp/log'"
