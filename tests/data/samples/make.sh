#!/bin/sh
# Makes the sample CSRs that `make demo` inspects. Run from anywhere; needs openssl.
# Keys are throw-away and not kept: only the CSRs are committed.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa.key" 2>/dev/null
openssl req -new -key "$tmp/rsa.key" -sha256 -subj "/C=DE/O=Example GmbH/CN=www.example.com" \
	-addext "subjectAltName=DNS:www.example.com,DNS:example.com" \
	-addext "keyUsage=critical,digitalSignature,keyEncipherment" \
	-addext "extendedKeyUsage=serverAuth" -out rsa2048-server.csr
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/ec.key"
openssl req -new -key "$tmp/ec.key" -sha256 -subj "/CN=api.example.org" \
	-addext "subjectAltName=DNS:api.example.org,IP:192.0.2.10,IP:2001:db8::10" \
	-outform DER -out p256-api.der
openssl genpkey -algorithm ED25519 -out "$tmp/ed.key"
openssl req -new -key "$tmp/ed.key" -subj "/O=Example Devices/CN=device-0042" \
	-addext "subjectAltName=URI:urn:example:device:0042" -out ed25519-device.csr
# A request with a challenge password (shown redacted) and a flaw: its subject was
# changed after signing, so the signature does not verify.
cat > "$tmp/flawed.cnf" <<'CONF'
[req]
distinguished_name = dn
attributes = attrs
req_extensions = ext
prompt = no
[dn]
CN = old.example.net
[attrs]
challengePassword = sample-secret
[ext]
subjectAltName = DNS:old.example.net
CONF
openssl req -new -key "$tmp/rsa.key" -sha256 -config "$tmp/flawed.cnf" -outform DER \
	-out "$tmp/flawed.der"
# flip one letter of the CN ("old" -> "odd") inside the signed bytes
od -An -v -tx1 "$tmp/flawed.der" | tr -d ' \n' | sed 's/6f6c642e6578/6f64642e6578/' |
	xxd -r -p > "$tmp/tampered.der"
openssl req -inform DER -in "$tmp/tampered.der" -out tampered-signature.csr
echo "samples written to $(pwd)"
