#!/usr/bin/env bash
#
# The long fuzzing run of issue 13: each Jazzer target in its own JVM, fuzzing (JAZZER_FUZZ=1) until 10 million
# executions or 45 minutes, whichever comes first (the @FuzzTest bounds), one input bounded at 10 s, at nice 19.
# Prints one row per target from libFuzzer's final line: executions, seconds, exec/s, coverage, and the result
# (a finding fails the test, and its input lands in the target's Inputs directory as crash-*). The code under test
# logs nothing here (slf4j-simple at "off"): the authenticators' per-step lines were 3 GB per 10 million inputs.
#
# Usage:  itests/fuzz/campaign.sh [TARGET...]      TARGET = module:Class#method (default: all targets below)
# Env:    FUZZ_RUN (logs, default /tmp/fg-fuzz). Needs the reactor installed in ~/.m2 (mvn install -DskipTests).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
RUN=${FUZZ_RUN:-/tmp/fg-fuzz}
TARGETS=(
    eap-gtc:GtcAuthenticatorFuzzTest#processResponses
    ikev2:IkeMessageFuzzTest#decodePlain
    ikev2:IkeMessageFuzzTest#decodeEncrypted
    aaa-radius:RadiusPacketFuzzTest#decode
    aaa-radius:RadiusPacketFuzzTest#verifiedAccept
    esp:EspInboundFuzzTest#forged
    esp:EspInboundFuzzTest#authentic
    eap-md5:Md5AuthenticatorFuzzTest#processResponses
    eap-mschapv2:MsChapV2AuthenticatorFuzzTest#processResponses
    ikev2:FragmentReassemblerFuzzTest#offerScript
    eap-anyconnect:AnyConnectAuthenticatorFuzzTest#processResponses
    eap-anyconnect:AnyConnectAuthenticatorFuzzTest#processXml
)
[ $# -gt 0 ] && TARGETS=("$@")
mkdir -p "$RUN"
printf '%-58s %12s %8s %8s %14s %s\n' target executions seconds exec/s "cov / ft" result | tee "$RUN/table.txt"
for t in "${TARGETS[@]}"; do
    module=${t%%:*} test=${t#*:}
    log=$RUN/${test//#/.}.log
    start=$(date +%s)
    (cd "$TOP/bundles/$module" && JAZZER_FUZZ=1 nice -n 19 mvn -B -o test -Dtest="$test" \
        -Dsurefire.failIfNoSpecifiedTests=false -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
        -Djunit.jupiter.execution.timeout.testtemplate.method.default=10s \
        -Djunit.jupiter.execution.timeout.mode=disabled) > "$log" 2>&1
    rc=$?
    seconds=$(( $(date +%s) - start ))
    # libFuzzer's last status line: "#10000000 DONE cov: 706 ft: 1731 corp: ... exec/s: 26127 rss: ..."
    line=$(grep -aE '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1)  # -a: libFuzzer writes NULs
    execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<< "$line")
    cov=$(sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+).*/\1 \/ \2/p' <<< "$line")
    rate=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<< "$line")
    result=$([ $rc -eq 0 ] && echo "no finding" || echo "FAILED (rc $rc, see $log)")
    printf '%-58s %12s %8s %8s %14s %s\n' "$module:$test" "${execs:--}" "$seconds" "${rate:--}" "${cov:--}" "$result" \
        | tee -a "$RUN/table.txt"
done
