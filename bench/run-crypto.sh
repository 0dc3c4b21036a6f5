#!/usr/bin/env bash
#
# Control-plane primitives per provider (JDK, Bouncy Castle 1.87, Amazon Corretto Crypto Provider 2.5.0
# linux-x86_64): RSA-2048 sign, X25519 / P-256 / MODP-2048 keygen+agree, microseconds per operation on one
# thread. Fetches the two jars into the local Maven repository (Maven Central) when missing.
#
# Usage: bench/run-crypto.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
M2=${M2_REPO:-$HOME/.m2/repository}
BC=$M2/org/bouncycastle/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar
ACCP=$M2/software/amazon/cryptools/AmazonCorrettoCryptoProvider/2.5.0/AmazonCorrettoCryptoProvider-2.5.0-linux-x86_64.jar
[ -f "$BC" ] || mvn -B -q dependency:get -Dartifact=org.bouncycastle:bcprov-jdk18on:1.87
[ -f "$ACCP" ] || mvn -B -q dependency:get -Dartifact=software.amazon.cryptools:AmazonCorrettoCryptoProvider:2.5.0:jar:linux-x86_64
JAVA=java
for j in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64; do [ -n "$j" ] && [ -x "$j/bin/java" ] && { JAVA=$j/bin/java; break; }; done
echo "# $(date -u +%FT%TZ) $(nproc) vCPU, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -n 1)"
exec "$JAVA" -cp "$BC:$ACCP" "$HERE/crypto/CryptoCheck.java"
