#!/bin/sh
# Makes the private-key files that tests/gen reads: the project's test keys
# (tests/rules/keys, public by being committed: never use them elsewhere) in every format the
# reader supports, plus one CSR per key made by openssl. Run from anywhere; needs openssl.
# The passphrase of the encrypted keys is in pass.txt.
set -eu
cd "$(dirname "$0")"
k=../../rules/keys
printf 'correct horse battery staple\n' > pass.txt
chmod 600 pass.txt
openssl pkey -in $k/rsa2048.pem -traditional -out rsa2048-pkcs1.pem
openssl pkey -in $k/rsa2048.pem -outform DER -out rsa2048-pkcs8.der
openssl pkey -in $k/p256.pem -traditional -out p256-sec1.pem
openssl pkey -in $k/p384.pem -traditional -out p384-sec1.pem
openssl pkcs8 -topk8 -in $k/rsa2048.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 \
	-passout file:pass.txt -out rsa2048-aes256.pem
openssl pkcs8 -topk8 -in $k/p256.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 \
	-passout file:pass.txt -out p256-aes128.pem
# Ed448 has no key in tests/rules/keys; this one exists only for these tests.
[ -f ed448.pem ] || openssl genpkey -algorithm ED448 -out ed448.pem
chmod 600 ./*.pem ./*.der
for key in rsa2048 p256 p384 ed25519; do
	openssl req -new -key $k/$key.pem -subj "/CN=$key.example.com" -out $key.csr
done
openssl req -new -key ed448.pem -subj "/CN=ed448.example.com" -out ed448.csr
