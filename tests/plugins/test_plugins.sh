#!/bin/sh
# Lua plugins through the CLI: each hostile script in tests/plugins/hostile/ ends in a clear
# fatal finding of its rule naming FILE:LINE, within the budget or the time limit, while the
# built-in findings and the other plugins' findings stay exactly as without it; load errors
# name file and field; policies, parameters, listing and every output format. One PASS/FAIL
# line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
: "${CSRL_CORPUS:?CSRL_CORPUS must be set}"
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
h=tests/plugins/hostile
bad=tests/rules/der.length-not-minimal/error-length-not-minimal.pem
good=tests/rules/der.length-not-minimal/pass-clean.pem
check=tests/plugins/string-check.lua

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }

# what the built-in rules and a well-behaved plugin say, without any hostile plugin
"$bin" lint --no-default-plugins --plugin $check --format ndjson "$bad" "$good" >"$tmp/base" 2>&1
grep -o '"rule": *"[^"]*", *"severity": *"[^"]*", *"message": *"[^"]*"' "$tmp/base" |
	sort >"$tmp/base.f"

# hostile NAME FATALS: runs the plugin, wants FATALS fatal findings naming its file and line
hostile() {
	name=$1 want=$2
	start=$(date +%s)
	# -j 1: one Lua state sees both requests (stale-handle keeps a handle across them)
	timeout 60 "$bin" lint -j 1 --no-default-plugins --plugin $check --plugin "$h/$name.lua" \
		--format ndjson "$bad" "$good" >"$tmp/out" 2>&1
	rc=$? secs=$(( $(date +%s) - start ))
	grep -o '"rule": *"[^"]*", *"severity": *"[^"]*", *"message": *"[^"]*"' "$tmp/out" |
		grep -v "hostile\.$name" | sort >"$tmp/out.f"
	n=$(grep -o "\"rule\": *\"hostile\.$name\", *\"severity\": *\"fatal\", *\"message\": *\"[^\"]*$h/$name.lua:[0-9][0-9]*: " "$tmp/out" | wc -l)
	check "hostile-$name" "[ $rc -eq 1 ] && [ $secs -lt 10 ] && [ $n -eq $want ] && cmp -s '$tmp/base.f' '$tmp/out.f'"
}
for name in loop pcall-loop coroutine-loop sort-loop rep-bomb table-bomb pattern io-open \
	    os-execute require load string-dump gc string-mt return-number return-bad-finding \
	    move-range len-range hash-loop compare-loop; do
	hostile $name 2
done
hostile stale-handle 1       # the second request, where the kept handle is stale
hostile string-own 0         # changes only its own string table
check "string-own-isolated" "grep -q 'own upper: pwned' '$tmp/out' && [ \$(grep -c 'method ABC function ABC' '$tmp/out') -eq 2 ]"
check "no-escape-file" "[ ! -e /tmp/csrlint-pwned ]"

"$bin" lint --no-default-plugins --plugin "$h/syntax.lua" "$good" >"$tmp/out" 2>&1
check "syntax-error-names-line" "[ $? -eq 2 ] && grep -q '$h/syntax.lua:3:' '$tmp/out'"
"$bin" lint --no-default-plugins --plugin "$h/bad-table.lua" "$good" >"$tmp/out" 2>&1
check "bad-table-names-field" "[ $? -eq 2 ] && grep -q \"$h/bad-table.lua: rule #1: field 'severity'\" '$tmp/out'"

# the bundled rules are inert until configured: a default run is unchanged
"$bin" lint "$good" >"$tmp/out" 2>&1
check "bundled-inert" "[ $? -eq 0 ] && grep -q 'ok, no findings' '$tmp/out'"
"$bin" rules >"$tmp/out" 2>&1
check "rules-lists-lua" "grep -q '^policy.san.domain-not-allowed .*error' '$tmp/out' && grep -q '\[plugin\]' '$tmp/out'"
"$bin" rules --no-default-plugins >"$tmp/out2" 2>&1
check "rules-no-default" "! grep -q '^policy\.' '$tmp/out2'"
# 64 --plugin options are one too many for every command that takes them: a clear usage
# error, not a silently dropped file
many=$(i=0; while [ $i -lt 64 ]; do printf -- '--plugin %s ' "$check"; i=$((i + 1)); done)
"$bin" rules $many >"$tmp/out" 2>&1; r1=$?
"$bin" lint $many "$good" >>"$tmp/out" 2>&1; r2=$?
"$bin" fix --key x $many "$good" >>"$tmp/out" 2>&1; r3=$?
check "too-many-plugins" "[ $r1 -eq 2 ] && [ $r2 -eq 2 ] && [ $r3 -eq 2 ] &&
	[ \$(grep -c -E '^csrlint (rules|lint|fix): too many --plugin options$' '$tmp/out') -eq 3 ]"

# --param and SARIF / JSON / text
"$bin" lint --param allowed_suffixes=corp.example --format sarif "$good" >"$tmp/sarif" 2>&1
check "sarif-lua-rule" "$py -c '
import json,sys; d=json.load(open(\"$tmp/sarif\")); r=d[\"runs\"][0]
ids={x[\"id\"] for x in r[\"tool\"][\"driver\"][\"rules\"]}
assert \"policy.san.domain-not-allowed\" in ids
assert any(x[\"ruleId\"]==\"policy.san.domain-not-allowed\" for x in r[\"results\"])'"
"$bin" lint --param allowed_suffixes=corp.example --format json "$good" >"$tmp/json" 2>&1
check "json-lua-rule" "grep -q '\"rule\": \"policy.san.domain-not-allowed\"' '$tmp/json'"
two=tests/data/samples/rsa2048-server.csr     # two dNSNames
"$bin" lint --param max_sans=1 "$two" >"$tmp/out" 2>&1
check "param-number" "[ $? -eq 1 ] && grep -q 'error policy.san.too-many: the request names 2 SANs' '$tmp/out'"
"$bin" lint --param max_sans=many "$good" >"$tmp/out" 2>&1
check "param-bad-type" "[ $? -eq 2 ] && grep -q 'max_sans' '$tmp/out'"
"$bin" lint --param no_such=1 "$good" >"$tmp/out" 2>&1
check "param-unknown" "[ $? -eq 2 ]"
"$bin" lint --param organization='Example GmbH' "$good" >"$tmp/out" 2>&1
check "param-org-match" "[ $? -eq 0 ]"

# policies
p=plugins/policies
"$bin" lint --policy $p/corp-devices.lua "$good" >"$tmp/out" 2>&1
check "policy-corp" "[ $? -eq 1 ] && grep -q 'profile private-pki' '$tmp/out' && grep -q 'policy.san.domain-not-allowed' '$tmp/out'"
"$bin" lint --policy $p/public-no-wildcards.lua "$good" >"$tmp/out" 2>&1
check "policy-public" "grep -q 'profile letsencrypt' '$tmp/out'"
"$bin" lint --policy $p/iot-fleet.lua "$good" >"$tmp/out" 2>&1
check "policy-iot" "grep -q 'the subject has no serialNumber' '$tmp/out' && grep -q 'RSA key of 2048 bits is not allowed' '$tmp/out'"
"$bin" lint --policy $p/iot-fleet.lua --profile rfc "$good" >"$tmp/out" 2>&1
check "policy-profile-overridden" "grep -q 'profile rfc' '$tmp/out'"
printf 'return { severity = { ["policy.san"] = "notice" }, params = { max_sans = 1 } }\n' >"$tmp/sev.lua"
"$bin" lint --policy "$tmp/sev.lua" "$two" >"$tmp/out" 2>&1
check "policy-severity" "[ $? -eq 0 ] && grep -q 'notice policy.san.too-many' '$tmp/out'"
printf 'return { profil = "rfc" }\n' >"$tmp/typo.lua"
"$bin" lint --policy "$tmp/typo.lua" "$good" >"$tmp/out" 2>&1
check "policy-unknown-field" "[ $? -eq 2 ] && grep -q \"unknown policy field 'profil'\" '$tmp/out'"
printf 'while true do end\n' >"$tmp/spin.lua"
"$bin" lint --policy "$tmp/spin.lua" "$good" >"$tmp/out" 2>&1
check "policy-sandboxed" "[ $? -eq 2 ] && grep -q 'spin.lua:1: instruction budget' '$tmp/out'"
"$bin" lint --policy $p/corp-devices.lua --disable policy "$good" >"$tmp/out" 2>&1
check "disable-lua-prefix" "! grep -q 'policy\.' '$tmp/out'"

# san_domains: case, a leading "." on a suffix, a wildcard's base name, a denied suffix inside
# an allowed one, a look-alike; -j 1 and two requests: the second reuses the normalised lists
"$bin" new --new-key ec:P-256 --key-out "$tmp/dom.key" --subject /CN=A.Corp.Example \
	--san dns:A.Corp.Example --san 'dns:*.dev.corp.example' --san dns:x.bad.corp.example \
	--san dns:corp.example.org --san dns:corp.example --force -o "$tmp/dom.csr" 2>/dev/null
printf 'return { params = { allowed_suffixes = { ".CORP.example" }, denied_suffixes = { "bad.corp.example" } } }\n' >"$tmp/dom.lua"
"$bin" lint -j 1 --no-default-plugins --plugin plugins/rules/san_domains.lua --policy "$tmp/dom.lua" \
	--format ndjson "$tmp/dom.csr" "$tmp/dom.csr" >"$tmp/out" 2>&1
check "san-domains-lists" "[ \$(grep -o 'policy.san.domain-not-allowed' '$tmp/out' | wc -l) -eq 4 ] &&
	[ \$(grep -o 'dNSName \\\\\"corp.example.org\\\\\" is not under an allowed domain (.CORP.example)' '$tmp/out' | wc -l) -eq 2 ] &&
	[ \$(grep -o 'dNSName \\\\\"x.bad.corp.example\\\\\" is under a denied domain' '$tmp/out' | wc -l) -eq 2 ]"

# views: each rule's tables are its own (writes, raw access, pairs, setmetatable) while
# every rule of a request reads the same entries; -j 1: one Lua state for both requests
"$bin" lint -j 1 --no-default-plugins --plugin tests/plugins/views.lua --enable test \
	--format ndjson "$two" "$two" >"$tmp/out" 2>&1
check "views-own-tables" "[ \$(grep -o '\"message\": *\"ok 3\"' '$tmp/out' | wc -l) -eq 6 ] && ! grep -q '\"message\": *\"bad' '$tmp/out'"

# csrlint.domain_under: equal or below, ASCII case aside, one leading "." of a suffix ignored
cat >"$tmp/under.lua" <<'LUA'
local cases = {
	{ "a.example.com", { "example.com" }, "example.com" },
	{ "A.EXAMPLE.com", ".Example.COM", ".Example.COM" },
	{ "example.com", { "x.org", "example.com" }, "example.com" },
	{ "*.example.com", { "example.com" }, "example.com" },
	{ "badexample.com", { "example.com" }, nil },
	{ "com", { "example.com" }, nil },
	{ "example.com", { "", "." }, nil },
	{ "a.b.example.com", {}, nil },
	{ "a@b.com", { "B.COM" }, nil },
	{ "a.exampl`.com", { "exampl@.com" }, nil },
}
return { id = "test.under", severity = "info", description = "d", citation = "c",
	profiles = {}, check = function(csr, report)
		for i, c in ipairs(cases) do
			local got = csrlint.domain_under(c[1], c[2])
			if got ~= c[3] then report("bad case " .. i .. ": " .. tostring(got)) end
		end
		local ok, err = pcall(csrlint.domain_under, "example.com", { 1 })
		if ok or not err:find("entry 1 is not a string", 1, true) then report("bad: no error") end
		report("done")
	end }
LUA
"$bin" lint --no-default-plugins --plugin "$tmp/under.lua" --enable test "$good" >"$tmp/out" 2>&1
check "helper-domain-under" "grep -q 'info test.under: done' '$tmp/out' && ! grep -q 'test.under: bad' '$tmp/out'"

# a message goes out on one line whatever a plugin puts in it: control characters, DEL and
# bytes that are not UTF-8 become \xNN in every format, and a NUL does not cut it short
printf '%s\n' 'return { id = "test.ctl", severity = "info", description = "d", citation = "c",' \
	'profiles = {}, check = function(csr, report)' \
	'report("a\0b\nc\27[31m\127 \255 \u{85} \u{e9}") return { "r\0s\rt" } end }' >"$tmp/ctl.lua"
"$bin" lint --no-default-plugins --plugin "$tmp/ctl.lua" --enable test "$good" >"$tmp/out" 2>&1
esc=$(printf '\033')
check "message-one-line-text" "[ \$(grep -c 'test.ctl' '$tmp/out') -eq 2 ] &&
	grep -qF 'info test.ctl: a\x00b\x0Ac\x1B[31m\x7F \xFF \x85 é (@0)' '$tmp/out' &&
	grep -qF 'info test.ctl: r\x00s\x0Dt (@0)' '$tmp/out' && ! grep -q '$esc' '$tmp/out'"
"$bin" lint --no-default-plugins --plugin "$tmp/ctl.lua" --enable test --format json "$good" >"$tmp/out" 2>&1
check "message-one-line-json" "$py -c '
import json; d = json.load(open(\"$tmp/out\", encoding=\"utf-8\"))
m = sorted(f[\"message\"] for r in d[\"results\"] for f in r[\"findings\"] if f[\"rule\"] == \"test.ctl\")
assert m == [\"a\\\\x00b\\\\x0Ac\\\\x1B[31m\\\\x7F \\\\xFF \\\\x85 \u00e9\", \"r\\\\x00s\\\\x0Dt\"], m'"

# the README's worked example, as printed, run the way the README says
sed -n '/^<!-- example:org-suffix.lua -->$/,/^<!-- \/example -->$/p' README.md |
	sed -e '1,2d' -e '$d' | sed '$d' >"$tmp/org-suffix.lua"
"$bin" new --new-key ec:P-256 --key-out "$tmp/org.key" --subject /CN=www.example.org \
	--san dns:www.example.org --san dns:api.other.net --san dns:A.Example.ORG --force \
	-o "$tmp/org.csr" 2>/dev/null
"$bin" lint --plugin "$tmp/org-suffix.lua" --param domain=example.org "$tmp/org.csr" >"$tmp/out" 2>&1
check "readme-lua-example" "[ \$? -eq 1 ] && [ \$(grep -c 'policy.san.outside-org-domain' '$tmp/out') -eq 1 ] &&
	grep -q 'error policy.san.outside-org-domain: dNSName \"api.other.net\" is not under example.org' '$tmp/out'"
"$bin" lint --plugin "$tmp/org-suffix.lua" --param domain=other.net "$tmp/org.csr" >"$tmp/out" 2>&1
check "readme-lua-example-param" "[ \$(grep -c 'policy.san.outside-org-domain' '$tmp/out') -eq 2 ]"

# the corpus with every bundled rule configured: no fatal finding
"$bin" lint --no-batch --policy tests/plugins/bench-policy.lua --format ndjson "$CSRL_CORPUS" >"$tmp/out" 2>&1
check "corpus-no-plugin-fatal" "! grep -q '\"rule\": \"policy[^\"]*\", \"severity\": \"fatal\"' '$tmp/out' && grep -q policy.san.domain-not-allowed '$tmp/out'"
