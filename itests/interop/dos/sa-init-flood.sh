#!/usr/bin/env bash
#
# Denial of service on the IKE_SA_INIT path (issue 13): FlexGate (shipped etc/ with a low cookie threshold and
# per-source half-open limit in a test overlay) is flooded with valid IKE_SA_INIT requests from many
# addresses of the client namespace, while a real strongSwan client connects with EAP-MSCHAPv2. Checks:
# cookies engage, the half-open SAs the flood creates stay at or under the cookie threshold, the JVM's
# resident memory stays bounded, and the client still connects. Prints the figures.
#
# Usage:  sa-init-flood.sh          (root; strongSwan installed; distribution built)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-security, fgs)
#         FG_COOKIE_THRESHOLD (10)  FG_HALF_OPEN_PER_SOURCE (2)  FG_FLOOD_SOURCES (150)
#         FG_FLOOD_PACKETS (8000000) FG_FLOOD_SECONDS (30)       FG_CONNECT_BOUND (10 s, the client's limit)
#         FG_FLOOD_RATE (50000 requests per second, the rate issue 13 names; 0: as fast as one Python thread sends)
#         FG_RECEIVE_THREADS (unset: the engine's default receive.threads)
#         FG_RECEIVE_BUFFER (unset: the engine's default receive.buffer, octets of SO_RCVBUF per socket)
#         FG_CONNECT_DELAY (0: seconds between the flood reaching FlexGate and the client connecting; 0 puts the
#         client's first packets into the flood's first second, while FlexGate's JVM still compiles the cookie path)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

COOKIE_THRESHOLD=${FG_COOKIE_THRESHOLD:-10}
PER_SOURCE=${FG_HALF_OPEN_PER_SOURCE:-2}
SOURCES=${FG_FLOOD_SOURCES:-150}
MAX_PACKETS=${FG_FLOOD_PACKETS:-8000000}
MAX_SECONDS=${FG_FLOOD_SECONDS:-30}
RATE=${FG_FLOOD_RATE:-50000}
CONNECT_BOUND=${FG_CONNECT_BOUND:-10}
CONNECT_DELAY=${FG_CONNECT_DELAY:-0}
# Client-side addresses of the flood: 198.18.0.10 and up, inside the client veth's /24.
FIRST_HOST=10
[ "$SOURCES" -le 240 ] || die "at most 240 sources fit 198.18.0.10-249"

overlay() {
    sed -i -e "s/^cookie.challenge = .*/cookie.challenge = $COOKIE_THRESHOLD/" \
        -e "s/^half.open.per.source = .*/half.open.per.source = $PER_SOURCE/" "$1/io.flexgate.ikev2.cfg"
    grep -q "^cookie.challenge = $COOKIE_THRESHOLD$" "$1/io.flexgate.ikev2.cfg" || die "overlay: cookie.challenge not set"
    # Half-open SAs outlive the flood: the count of SAs it created is then the most that were half-open at
    # once (with the default 30 s timeout, the flood's first SAs expire before its last requests are read, and
    # the flood legitimately gets a few more).
    sed -i '/^half.open.timeout = /d' "$1/io.flexgate.ikev2.cfg"
    echo "half.open.timeout = $((MAX_SECONDS + 60))" >> "$1/io.flexgate.ikev2.cfg"
    [ -z "${FG_RECEIVE_THREADS:-}" ] || echo "receive.threads = $FG_RECEIVE_THREADS" >> "$1/io.flexgate.ikev2.cfg"
    [ -z "${FG_RECEIVE_BUFFER:-}" ] || echo "receive.buffer = $FG_RECEIVE_BUFFER" >> "$1/io.flexgate.ikev2.cfg"
}

trap finish EXIT
overlay_dist
bash "$INTEROP" up
KARAF_LOG=$FG_RUN/karaf/data/log/karaf.log
JAVA_PID=$(flexgate_java_pid)
[ -n "$JAVA_PID" ] || die "no FlexGate JVM in $FG_NS-gw"
RSS_BEFORE=$(rss_kib "$JAVA_PID")
# UDP datagrams the kernel dropped because a socket's receive buffer was full, per namespace (/proc/net/snmp
# RcvbufErrors): in the gateway, requests FlexGate did not read in time; in the client, answers the flood
# sender did not read in time. Together they say where the unanswered requests were lost.
rcvbuf_errors() {
    ip netns exec "$1" awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 } else print $c["RcvbufErrors"] }' \
        /proc/net/snmp
}
GW_DROPS0=$(rcvbuf_errors "$FG_NS-gw"); CLI_DROPS0=$(rcvbuf_errors "$FG_NS-cli")

: > "$WORK/sources"
for i in $(seq 0 $((SOURCES - 1))); do
    echo "198.18.0.$((FIRST_HOST + i))" >> "$WORK/sources"
done
sed 's|.*|addr add &/24 dev cli0|' "$WORK/sources" | ip -n "$FG_NS-cli" -batch -
log "$SOURCES flood sources on cli0; cookie.challenge = $COOKIE_THRESHOLD, half.open.per.source = $PER_SOURCE"

ip netns exec "$FG_NS-cli" python3 "$HERE/ike-sa-init-flood.py" 198.18.0.1 "$WORK/sources" "$MAX_PACKETS" \
    "$MAX_SECONDS" "$RATE" > "$FG_RUN/flood.json" 2> "$FG_RUN/flood.err" &
FLOOD=$!
# Resident memory of the JVM once a second while the flood lasts (bounded by the flood's own limit).
(while kill -0 $FLOOD 2>/dev/null; do rss_kib "$JAVA_PID"; sleep 1; done) > "$FG_RUN/rss.txt" &
SAMPLER=$!

# Connect once the responder is demonstrably under the flood: answers (cookies) are arriving on the client
# veth. (Counted there rather than in karaf.log: cookie replies may be logged at DEBUG only.)
rx() { ip netns exec "$FG_NS-cli" cat /sys/class/net/cli0/statistics/rx_packets; }
rx0=$(rx)
deadline=$((SECONDS + 15))
until [ $(($(rx) - rx0)) -gt $((COOKIE_THRESHOLD * 4)) ]; do
    [ $SECONDS -lt $deadline ] || die "the flood did not reach FlexGate within 15 s"
    sleep 0.2
done
sleep "$CONNECT_DELAY"
start=$(date +%s.%N)
connected=yes
bash "$INTEROP" connect mschapv2 || connected=no
CONNECT_SECONDS=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}')
flood_running=no; kill -0 $FLOOD 2>/dev/null && flood_running=yes
wait $FLOOD || die "flood sender failed: $(cat "$FG_RUN/flood.err")"
wait $SAMPLER || true
RSS_AFTER=$(rss_kib "$JAVA_PID")
GW_DROPS=$(( $(rcvbuf_errors "$FG_NS-gw") - GW_DROPS0 )); CLI_DROPS=$(( $(rcvbuf_errors "$FG_NS-cli") - CLI_DROPS0 ))
RSS_MAX=$(sort -n "$FG_RUN/rss.txt" | tail -n 1)

cat "$FG_RUN/flood.json"
read -r SENT PPS SA COOKIES UNANSWERED < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(s["sent"], s["packets_per_second"], s["answers"]["sa"], s["answers"]["cookie"], s["unanswered"])' "$FG_RUN/flood.json")
log "flood: $SENT IKE_SA_INIT requests from $SOURCES addresses at $PPS/s; answers: $SA with SA (half-open SAs created), $COOKIES COOKIE, $UNANSWERED unanswered"
log "UDP receive buffer overflows during the flood: $GW_DROPS in the gateway (requests FlexGate did not read in time), $CLI_DROPS in the client namespace (answers the sender did not read)"
log "strongSwan client connected=$connected during the flood after ${CONNECT_SECONDS} s, started ${CONNECT_DELAY} s into the flood (flood still running: $flood_running)"
log "FlexGate JVM resident memory: ${RSS_BEFORE} KiB before, ${RSS_MAX} KiB peak, ${RSS_AFTER} KiB after"
log "karaf.log: $(grep -c 'Received IKE_SA_INIT' "$KARAF_LOG") IKE_SA_INIT requests logged, $(grep -c 'N(COOKIE)' "$KARAF_LOG") lines with a COOKIE notify"

[ "$connected" = yes ] || die "the strongSwan client could not connect during the flood"
[ "$COOKIES" -gt 0 ] || die "no COOKIE notify under the flood"
[ "$SA" -le "$COOKIE_THRESHOLD" ] || die "$SA half-open SAs from the flood, more than cookie.challenge = $COOKIE_THRESHOLD"
[ "$flood_running" = yes ] || die "the client connected only after the flood ended"
# How fast the client gets through is a performance figure (issue 13 asks for 2 s), reported here and in
# docs/security.md, not asserted: a timed assertion fails on a busy 2-core machine without a defect.
awk -v c="$CONNECT_SECONDS" -v b="$CONNECT_BOUND" 'BEGIN{exit !(c < b)}' \
    || log "note: the client needed ${CONNECT_SECONDS} s (more than ${CONNECT_BOUND} s; goal 2 s)"
log "dos done"
