#!/bin/sh
# `csrlint fix` on corpus CSRs whose private key the corpus holds: the fixed request keeps the
# subject (inspect's Subject line, unchanged) and every SAN (fix may only add the CN's DNS
# name), and verifies with openssl.
#
# A key "in the corpus" is either a key file whose public key matches the CSR (found by
# comparing `openssl req -pubkey` with `openssl pkey -pubout`; none matches in the corpus as
# of this writing: the badkeys rsa-fermat-pkcs1/-pkcs8 files hold other, public-only keys)
# or an RSA key that the CSR itself gives away because its primes are close (Fermat): such a
# private key is rebuilt here, so the test signs with real corpus keys. At least one pair
# must be found, or the test fails rather than passing on nothing.
# One "PASS name" / "FAIL name" line per case.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
bin=${CSRLINT:-build/csrlint}
py=/usr/bin/python3
if [ -z "${CSRL_CORPUS:-}" ] || [ ! -f "$CSRL_CORPUS/MANIFEST.md" ]; then
	echo "FAIL corpus: set CSRL_CORPUS to the corpus folder"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
umask 077

check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1: $2"; fi; }
csr_pub() { openssl req -in "$1" -noout -pubkey 2>/dev/null ||
	    openssl req -inform DER -in "$1" -noout -pubkey 2>/dev/null; }
subject() { "$bin" inspect "$1" 2>/dev/null | sed -n 's/^ *Subject: //p' | head -n 1; }
# SANs one per line, as inspect prints them
sans() { "$bin" inspect "$1" 2>/dev/null | sed -n '/Subject Alternative Name:/{n;p;}' |
	 tr ',' '\n' | sed 's/^ *//; /^$/d' | sort -u; }
# The private keys of RSA CSRs whose moduli Fermat's method factors at once: for each such CSR
# of the list on stdin, writes DIR/N.pem (PKCS#8) and prints "CSR<tab>DIR/N.pem". One Python
# process for the whole corpus: one per CSR took most of a minute.
fermat_keys() {
	$py - "$1" <<'PY'
import math, os, sys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
out = sys.argv[1]
for i, path in enumerate(open(os.path.join(out, 'list')).read().splitlines()):
    try:
        data = open(path, 'rb').read()
        csr = (x509.load_pem_x509_csr(data) if b'-----BEGIN' in data
               else x509.load_der_x509_csr(data))
        pub = csr.public_key().public_numbers()
        n, e = pub.n, pub.e
    except Exception:
        continue
    a = math.isqrt(n)
    a += a * a < n
    for _ in range(1000):
        b = math.isqrt(a * a - n)
        if b * b == a * a - n:
            break
        a += 1
    else:
        continue
    p, q = a - b, a + b
    if p < 2 or p * q != n:
        continue
    d = pow(e, -1, (p - 1) * (q - 1))
    key = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                                rsa.RSAPublicNumbers(e, n)).private_key()
    kf = os.path.join(out, '%d.pem' % i)
    fd = os.open(kf, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, key.private_bytes(serialization.Encoding.PEM,
             serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    os.close(fd)
    print('%s\t%s' % (path, kf))
PY
}

# private key files of the corpus, by the hash of their public key
: >"$tmp/keys"
find "$CSRL_CORPUS" -type f ! -name MANIFEST.md ! -name SHA256SUMS | sort >"$tmp/files"
while read -r k; do
	if openssl pkey -in "$k" -pubout >"$tmp/p" 2>/dev/null && [ -s "$tmp/p" ]; then
		echo "$(sha256sum <"$tmp/p" | cut -c1-64) $k" >>"$tmp/keys"
	fi
done <"$tmp/files"

mkdir "$tmp/fermat"
cp "$tmp/files" "$tmp/fermat/list"
fermat_keys "$tmp/fermat" >"$tmp/fkeys"
tab=$(printf '\t')
i=0
while read -r c; do
	csr_pub "$c" >"$tmp/p" && [ -s "$tmp/p" ] || continue
	h=$(sha256sum <"$tmp/p" | cut -c1-64)
	key=$(grep "^$h " "$tmp/keys" | head -n 1 | cut -c66-)
	[ -n "$key" ] || key=$(grep -F "$c$tab" "$tmp/fkeys" | head -n 1 | cut -f2)
	[ -n "$key" ] || continue
	i=$((i + 1))
	name=$(echo "${c#"$CSRL_CORPUS"/}" | tr '/' '_')
	cp "$key" "$tmp/key$i" && chmod 600 "$tmp/key$i"
	out=$tmp/out$i.pem
	"$bin" fix --key "$tmp/key$i" -o "$out" "$c" >"$tmp/log" 2>&1
	check "$name-written" "[ -s '$out' ]"
	check "$name-openssl" "openssl req -verify -noout -in '$out' 2>/dev/null"
	check "$name-subject-kept" "[ -n \"\$(subject '$c')\" ] && [ \"\$(subject '$c')\" = \"\$(subject '$out')\" ]"
	sans "$c" >"$tmp/sb"
	sans "$out" >"$tmp/sa"
	check "$name-sans-kept" "[ -z \"\$(comm -23 '$tmp/sb' '$tmp/sa')\" ]"
	cn=$(subject "$c" | tr ',' '\n' | sed -n 's/^ *CN=//p' | head -n 1 | tr 'A-Z' 'a-z')
	check "$name-sans-only-cn-added" "[ -z \"\$(comm -13 '$tmp/sb' '$tmp/sa' | grep -vx 'DNS:$cn')\" ]"
done <"$tmp/files"
check "corpus-pairs-found" "[ $i -ge 1 ]"
