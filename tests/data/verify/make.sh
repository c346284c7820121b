#!/bin/sh
# make.sh - regenerates the signature-verification test CSRs in this folder with OpenSSL 3.
# The outputs are committed, so tests never run this; run it by hand after changing a case:
#   sh tests/data/verify/make.sh
# File names say the expected verdict: valid-*, invalid-*, unsupported-*. Keys are throwaway
# and live only in a temporary folder. The subject always holds "tamperme" so that a tampered
# copy can be made by changing one byte of it (which must break the signature).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OPENSSL_CONF=/dev/null   # no site policy (Debian raises the security level)

subj="/O=csrlint tests/CN=tamperme.example"

key() {	# key NAME genpkey-args...
	name=$1; shift
	openssl genpkey -quiet "$@" -out "$tmp/$name.key"
}

# csr OUT KEY req-args...: a CSR signed with KEY, written as PEM to OUT.pem
csr() {
	out=$1 k=$2; shift 2
	openssl req -new -key "$tmp/$k.key" -subj "$subj" "$@" -out "$here/$out.pem"
}

# tamper IN OUT: copy of IN.pem with one subject byte changed ("tamperme" -> "tamperMe")
tamper() {
	openssl req -in "$here/$1.pem" -outform DER -out "$tmp/t.der"
	off=$(grep -boa tamperme "$tmp/t.der" | head -n 1 | cut -d: -f1)
	printf M | dd of="$tmp/t.der" bs=1 seek=$((off + 6)) conv=notrunc 2>/dev/null
	openssl base64 -in "$tmp/t.der" | {
		echo "-----BEGIN CERTIFICATE REQUEST-----"; cat
		echo "-----END CERTIFICATE REQUEST-----"; } >"$here/$2.pem"
}

rm -f "$here"/*.pem

# RSA PKCS#1 v1.5
key rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
for h in md5 sha1 sha224 sha256 sha384 sha512; do
	csr "valid-rsa2048-$h" rsa2048 -"$h"
done
tamper valid-rsa2048-sha256 invalid-rsa2048-sha256-tampered
tamper valid-rsa2048-sha384 invalid-rsa2048-sha384-tampered
csr unsupported-rsa2048-sha3-256 rsa2048 -sha3-256
key rsa3072e3 -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -pkeyopt rsa_keygen_pubexp:3
csr valid-rsa3072-e3-sha256 rsa3072e3 -sha256

# RSASSA-PSS with an rsaEncryption key
pss() {	# pss OUT KEY HASH MGF1HASH SALT
	csr "$1" "$2" -"$3" -sigopt rsa_padding_mode:pss -sigopt rsa_mgf1_md:"$4" \
		-sigopt rsa_pss_saltlen:"$5"
}
pss valid-pss-sha256-salt32 rsa2048 sha256 sha256 32
pss valid-pss-sha256-salt0 rsa2048 sha256 sha256 0
pss valid-pss-sha384-salt48 rsa2048 sha384 sha384 48
pss valid-pss-sha512-salt64 rsa2048 sha512 sha512 64
pss valid-pss-sha512-salt17 rsa2048 sha512 sha512 17
pss valid-pss-sha256-saltmax rsa2048 sha256 sha256 max
pss unsupported-pss-sha256-mgf1-sha1 rsa2048 sha256 sha1 32
pss unsupported-pss-sha1-salt20 rsa2048 sha1 sha1 20
tamper valid-pss-sha256-salt32 invalid-pss-sha256-tampered

# RSASSA-PSS keys (id-RSASSA-PSS SubjectPublicKeyInfo), with and without restrictions
key rsapss -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
pss valid-rsapsskey-sha256-salt32 rsapss sha256 sha256 32
key rsapssr -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha384 \
	-pkeyopt rsa_pss_keygen_mgf1_md:sha384 -pkeyopt rsa_pss_keygen_saltlen:48
pss valid-rsapsskey-restricted-sha384 rsapssr sha384 sha384 48

# ECDSA on the NIST curves, several hashes (longer digests are truncated per ECDSA)
for c in P-192:sha1 P-192:sha256 P-224:sha224 P-256:sha256 P-256:sha1 P-256:sha512 \
	 P-384:sha384 P-384:sha256 P-521:sha512 P-521:sha256; do
	curve=${c%%:*} h=${c#*:}
	[ -f "$tmp/$curve.key" ] || key "$curve" -algorithm EC -pkeyopt ec_paramgen_curve:"$curve" \
		-pkeyopt ec_param_enc:named_curve
	csr "valid-ecdsa-$curve-$h" "$curve" -"$h"
done
tamper valid-ecdsa-P-256-sha256 invalid-ecdsa-P-256-tampered
tamper valid-ecdsa-P-521-sha512 invalid-ecdsa-P-521-tampered
openssl ec -in "$tmp/P-256.key" -conv_form compressed -out "$tmp/P-256c.key" 2>/dev/null
csr unsupported-ecdsa-P-256-compressed P-256c -sha256
for curve in secp256k1 brainpoolP256r1; do
	key "$curve" -algorithm EC -pkeyopt ec_paramgen_curve:"$curve" -pkeyopt ec_param_enc:named_curve
	csr "unsupported-ecdsa-$curve" "$curve" -sha256
done

# EdDSA
key ed25519 -algorithm ED25519
csr valid-ed25519 ed25519
tamper valid-ed25519 invalid-ed25519-tampered
key ed448 -algorithm ED448
csr valid-ed448 ed448
tamper valid-ed448 invalid-ed448-tampered

# DSA-2048 (q of 256 bits)
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 \
	-pkeyopt dsa_paramgen_q_bits:256 -out "$tmp/dsa.prm" 2>/dev/null
key dsa2048 -paramfile "$tmp/dsa.prm"
for h in sha1 sha224 sha256; do
	csr "valid-dsa2048-$h" dsa2048 -"$h"
done
tamper valid-dsa2048-sha256 invalid-dsa2048-sha256-tampered
