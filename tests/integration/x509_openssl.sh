#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# DLMS security suite 1 certificates against OpenSSL (msdk/cosem/x509.h):
# 1. the PKCS#10 request of cosem-x509-tool (fixed key) passes `openssl req -verify`, names the
#    system title as its common name, and its hex form is the same bytes;
# 2. OpenSSL makes a CA and signs that request; the tool parses both certificates (fields
#    compared with what openssl prints) and verifies the chain, and a certificate signed by
#    another CA does not verify. The CA keys are new on every run, so the signatures' r and s
#    vary in length (a 00 sign octet or not).
# Skips (exit 77) when openssl is missing.
# Usage: x509_openssl.sh <path to cosem-x509-tool>
set -euo pipefail
tool=$1

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() { echo "ok: $*"; }

if ! command -v openssl > /dev/null 2>&1; then
  echo "SKIP: openssl not found"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

title=4D4D4D0000000001

# 1. The request.
"$tool" csr "$title" > csr.der
[ -s csr.der ] || fail "no request written"
openssl req -inform DER -in csr.der -verify -noout > verify.txt 2>&1 || {
  cat verify.txt >&2
  fail "openssl req -verify refuses the request"
}
grep -q "verify OK" verify.txt || fail "openssl did not say 'verify OK': $(cat verify.txt)"
pass "openssl verifies the request's signature"
subject=$(openssl req -inform DER -in csr.der -noout -subject)
[ "$subject" = "subject=CN = $title" ] || fail "subject is '$subject', expected CN = $title"
pass "subject CN = $title"
openssl asn1parse -inform DER -in csr.der > /dev/null || fail "openssl asn1parse refuses the request"
hex=$("$tool" csr --hex "$title")
[ "$hex" = "$(od -An -v -tx1 csr.der | tr -d ' \n' | tr a-f A-F)" ] || fail "--hex differs from DER"
pass "hex output is the DER"
# The same key every run (fixed seed): the same request.
"$tool" csr "$title" | cmp -s - csr.der || fail "the request changes between runs"
pass "deterministic request"

# 2. Certificates from OpenSSL, parsed and verified by the tool.
cat > ca.cnf << 'X'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = MSDK Test CA
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
X
printf 'keyUsage = critical,digitalSignature\nsubjectAltName = DNS:meter1.example\n' > client.ext
for ca in ca other; do
  openssl ecparam -name prime256v1 -genkey -noout -out $ca.key 2> /dev/null
  openssl req -new -x509 -config ca.cnf -extensions v3_ca -key $ca.key -sha256 -days 3650 \
    -set_serial 1 -outform DER -out $ca.der 2> /dev/null
done
openssl x509 -req -inform DER -in csr.der -CA ca.der -CAform DER -CAkey ca.key \
  -set_serial 0x8A5F9C21 -days 365 -sha256 -extfile client.ext -outform DER -out client.der 2> /dev/null
"$tool" parse ca.der ca.der > ca.txt || fail "the tool does not accept the CA certificate"
grep -qx "ca: yes" ca.txt || fail "CA certificate: not a CA"
grep -qx "key_usage: 0x0060" ca.txt || fail "CA certificate: key usage"
grep -qx "verify: OK" ca.txt || fail "CA certificate: self-signature"
pass "CA certificate parsed, self-signature verified"
"$tool" parse client.der ca.der > client.txt || fail "the tool does not accept the client certificate"
want_pub=$(openssl x509 -inform DER -in client.der -noout -pubkey |
  openssl pkey -pubin -outform DER | tail -c 65 | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F)
grep -qx "public_key: $want_pub" client.txt || fail "client certificate: public key"
grep -qx "serial: 008A5F9C21" client.txt || fail "client certificate: serial"
grep -qx "key_usage: 0x0001" client.txt || fail "client certificate: key usage"
grep -qx "ca: no" client.txt || fail "client certificate: CA"
grep -qx "alt_name: 3010820E6D65746572312E6578616D706C65" client.txt ||
  fail "client certificate: subjectAltName"
grep -qx "verify: OK" client.txt || fail "client certificate: signature"
pass "client certificate parsed, signature verified with the CA's key"
if "$tool" parse client.der other.der > other.txt 2>&1; then
  fail "client certificate verified with another CA's key"
fi
grep -q "verify: MSDK_ERR_AUTH" other.txt || fail "another CA: $(cat other.txt)"
pass "another CA's key does not verify it"
echo "x509_openssl: all checks passed"
