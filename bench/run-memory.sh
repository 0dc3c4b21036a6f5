#!/usr/bin/env bash
#
# Memory per established idle session: FlexGate (the built distribution) in a namespace, ./flexgate load
# generators in another holding LEVELS sessions (cumulative: 1000, then up to 10000, ...), and at each level the
# gateway's heap after a full GC (jcmd GC.run; GC.heap_info "used") and its RSS (/proc/PID/status VmRSS), both
# against the baseline taken after boot and a warm-up of WARMUP sessions. Also saves a class histogram per level
# ($FGM_RUN/histo-N.txt: which classes hold the per-session bytes).
#
#   fgm-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  fgm-gw (FlexGate)
#
# Usage:  bench/run-memory.sh [LEVEL...]            (root; default levels: 1000 10000)
# Env:    FGM_NS (prefix, default fgm), FGM_RUN (default /tmp/fgm-memory), FGM_HEAP (gateway -Xmx, default 2g),
#         FGM_RATE (setups/s offered by all the generators of a level together, default 90: above what the gateway
#         sustains, IKE_AUTHs queue past its 30 s half-open timeout and are dropped), FG_DIST (distribution archive).
# Bounds: one generator holds at most GENERATOR_SESSIONS sessions (the load mode's own cap on sessions alive at
# once, 10,000: one socket each, one shared reader thread); each level must be reached within LEVEL_TIMEOUT
# seconds; every process is stopped by PID.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/.." && pwd)
NS=${FGM_NS:-fgm}
RUN=${FGM_RUN:-/tmp/fgm-memory}
HEAP=${FGM_HEAP:-2g}
RATE=${FGM_RATE:-90}
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
NS_CLI=$NS-cli NS_GW=$NS-gw
GW=198.18.0.1 SERVER_NAME=vpn.flexgate.test USER_NAME=test PASSWORD=cisco123
GENERATOR_SESSIONS=10000
CLIENT_ADDRESSES=(198.18.0.2 198.18.0.3 198.18.0.4 198.18.0.5)
WARMUP=20
HOLD_SECONDS=3600
LEVEL_TIMEOUT=${FGM_LEVEL_TIMEOUT:-1500}
BOOT_TIMEOUT=180

# t0, die, nsx and java17 as the interop scripts have them; the log here goes to standard error (standard output
# is the result) with a wider seconds field.
# shellcheck source-path=SCRIPTDIR source=../itests/interop/lib.sh
. "$TOP/itests/interop/lib.sh"
log() { printf '[%7.2fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')" "$*" >&2; }

bg_ns() {  # bg_ns NAME NETNS LOGFILE CMD...  (standard input from $RUN/password)
    local name=$1 ns=$2 out=$3; shift 3
    ip netns exec "$ns" sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/$name.pid" "$@" < "$RUN/password" > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/$name.pid" ] && return 0; sleep 0.02; done
    die "$name did not start"
}

gw_pid() {
    local p
    for p in $(ip netns pids $NS_GW); do [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && { echo "$p"; return; }; done
}

# Sum over the generators of the last "started S, up U, failed F" progress line: "UP FAILED".
generators_up() {
    local f up=0 failed=0 line
    for f in "$RUN"/gen-*.txt; do
        [ -f "$f" ] || continue
        line=$(grep -E '^started [0-9]+, up [0-9]+, failed [0-9]+' "$f" | tail -n 1 || true)
        [ -n "$line" ] || continue
        up=$((up + $(echo "$line" | sed -E 's/.*up ([0-9]+),.*/\1/')))
        failed=$((failed + $(echo "$line" | sed -E 's/.*failed ([0-9]+).*/\1/')))
    done
    echo "$up $failed"
}

start_generator() {  # start_generator INDEX SESSIONS HOLD RATE
    bg_ns gen-$1 $NS_CLI "$RUN/gen-$1.txt" env JAVA_TOOL_OPTIONS=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        "$TOP/flexgate" load $GW --ca "$CA" --server-name $SERVER_NAME --method mschapv2 --user $USER_NAME \
        --sessions "$2" --rate "$4" --hold "$3" --no-initial-contact \
        --source "${CLIENT_ADDRESSES[$(( ${1//[!0-9]/0} % ${#CLIENT_ADDRESSES[@]} ))]}"
}

# Sessions FlexGate holds: its installed CHILD_SA pairs (io.flexgate.esp.EspSaPair) in a class histogram taken
# after a full GC. The log cannot tell: karaf.log keeps 8 files of 16 MB, about 60,000 setups' worth.
gateway_sessions() {  # gateway_sessions HISTOGRAM_FILE
    awk '$4 == "io.flexgate.esp.EspSaPair" { n = $2 } END { print n + 0 }' "$1"
}

# Heap used after a full GC and RSS, in KiB: "HEAP_KB RSS_KB".
measure() {
    local pid; pid=$(gw_pid)
    jcmd "$pid" GC.run > /dev/null; jcmd "$pid" GC.run > /dev/null
    local heap rss
    heap=$(jcmd "$pid" GC.heap_info | sed -nE 's/.*garbage-first heap +total [0-9]+K, used ([0-9]+)K.*/\1/p')
    rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status)
    echo "$heap $rss"
}

flexgate_up() {
    local d=$RUN/fg
    mkdir -p "$d"
    tar -xzf "$DIST" -C "$d" --strip-components=1
    printf 'fqdn = %s\naddress = %s\n' $SERVER_NAME $GW > "$d/etc/io.flexgate.pki.cfg"
    # A pool large enough for 100k sessions (100.64.0.0/15), and one load source address: lift the
    # per-source half-open limit and the cookie threshold.
    sed -i 's/^ranges = .*/ranges = 192.168.10.5 192.168.10.254, 100.64.0.1 100.65.255.254/' \
        "$d/etc/io.flexgate.pool-ACP00L.cfg"
    sed -i -e 's/^half.open.per.source = .*/half.open.per.source = 100000/' \
        -e 's/^cookie.challenge = .*/cookie.challenge = 100000/' -e 's/^half.open.limit = .*/half.open.limit = 100000/' \
        "$d/etc/io.flexgate.ikev2.cfg"
    local jh; jh=$(java17)
    ip netns exec $NS_GW sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/gateway.pid" env JAVA_HOME="$jh" \
        FLEXGATE_HEAP="$HEAP" "$d/bin/karaf" server < /dev/null > "$RUN/fg.stdout" 2>&1 &
    nsx $NS_CLI python3 "$HERE/ike-probe.py" $GW "$(date +%s.%N)" $BOOT_TIMEOUT > /dev/null || die "FlexGate did not answer IKE"
    CA=$d/data/flexgate/pki/ca.crt
    for _ in $(seq 1 300); do [ -s "$CA" ] && break; sleep 0.1; done
    [ -s "$CA" ] || die "FlexGate exported no CA certificate"
}

down() {
    local f
    for f in "$RUN"/pids/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    sleep 1
    for f in "$RUN"/pids/*.pid; do [ -f "$f" ] && { kill -9 "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }; done
    for ns in $NS_CLI $NS_GW; do
        local p; for p in $(ip netns pids $ns 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
        ip netns del $ns 2>/dev/null || true
    done
}

main() {
    if [ "${1:-}" = down ]; then down; return; fi
    local levels=("$@")
    if [ $# -eq 0 ]; then levels=(1000 10000); fi
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    [ -e /run/netns/$NS_GW ] && die "namespaces $NS-* exist (run: $0 down)"
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    echo $PASSWORD > "$RUN/password"
    trap down EXIT
    for ns in $NS_CLI $NS_GW; do ip netns add $ns; nsx $ns ip link set lo up; done
    ip link add cli0 netns $NS_CLI type veth peer name gw-out netns $NS_GW
    nsx $NS_CLI ip addr add 198.18.0.2/24 dev cli0; nsx $NS_CLI ip link set cli0 up
    # Every session has a UDP socket of its own: one address gives at most the ephemeral port range (28,232 ports
    # by default; 28,251 sessions were the ceiling of the first 100k attempt). The generators take turns over
    # CLIENT_ADDRESSES, and the range is widened in this namespace only.
    local a; for a in "${CLIENT_ADDRESSES[@]:1}"; do nsx $NS_CLI ip addr add $a/24 dev cli0; done
    nsx $NS_CLI sysctl -q -w net.ipv4.ip_local_port_range="1024 65535"
    nsx $NS_GW ip addr add $GW/24 dev gw-out; nsx $NS_GW ip link set gw-out up
    flexgate_up
    log "FlexGate up (pid $(gw_pid), -Xmx$HEAP)"
    start_generator w $WARMUP 0 10
    local deadline=$((SECONDS + 300))
    until grep -q '^sessions ' "$RUN/gen-w.txt" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || die "warm-up did not finish"; sleep 1
    done
    rm -f "$RUN/pids/gen-w.pid" "$RUN/gen-w.txt"
    read -r heap0 rss0 <<< "$(measure)"
    log "baseline after $WARMUP warm-up sessions (all deleted): heap ${heap0} KiB, RSS ${rss0} KiB"
    {
        echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) vCPU, load average $(cut -d' ' -f1-3 /proc/loadavg), git $(git -C "$TOP" rev-parse --short HEAD), -Xmx$HEAP"
        printf '%-10s %12s %12s %14s %14s\n' sessions heap_MiB RSS_MiB heap_B/session RSS_B/session
    } > "$RUN/table.txt"
    local held=0 gens=0 level
    for level in "${levels[@]}"; do
        local batch=()
        while [ $held -lt "$level" ]; do
            local n=$((level - held)); [ $n -gt $GENERATOR_SESSIONS ] && n=$GENERATOR_SESSIONS
            batch+=("$n"); held=$((held + n))
        done
        # The level's generators share RATE, so that the gateway is offered the same rate at every level.
        local each; each=$(awk -v t="$RATE" -v k=${#batch[@]} 'BEGIN { printf "%.2f", t / k }')
        for n in "${batch[@]}"; do gens=$((gens + 1)); start_generator $gens "$n" $HOLD_SECONDS "$each"; done
        log "level $level: $gens generators started, waiting for $level sessions up"
        deadline=$((SECONDS + LEVEL_TIMEOUT))
        local up failed
        while :; do
            read -r up failed <<< "$(generators_up)"
            # Settled when every session started so far is up or has failed (the generator gives up after its
            # retransmissions); the figure is then taken at the sessions actually up.
            [ $((up + failed)) -ge "$level" ] && break
            if [ "$failed" -gt 0 ]; then log "  $failed failed setups so far"; fi
            [ $SECONDS -lt $deadline ] || { log "level $level not reached in ${LEVEL_TIMEOUT}s: $up up"; break; }
            sleep 5
        done
        [ "$up" -gt 0 ] || die "no session up"
        # What the gateway holds, from its own log: the generators' count is not enough, because FlexGate
        # ends an older session of the same user from the same address when a new IKE_AUTH carries
        # INITIAL_CONTACT (RFC 7296 section 2.4; the generator sends it with one user from one address).
        jcmd "$(gw_pid)" GC.class_histogram > "$RUN/histo-level-$level.txt" 2>&1 || true
        local holding; holding=$(gateway_sessions "$RUN/histo-level-$level.txt")
        if [ "$holding" -lt "$up" ]; then
            log "level $level: the generators report $up up but FlexGate holds $holding" \
                "(CHILD_SA pairs in its heap)"
            up=$holding
        fi
        [ "$up" -gt 0 ] || die "FlexGate holds no session"
        local heap rss; read -r heap rss <<< "$(measure)"
        jcmd "$(gw_pid)" GC.class_histogram > "$RUN/histo-$up.txt" 2>&1 || true
        if [ "$failed" -gt 0 ]; then log "level $level: $up up, $failed failed"; fi
        printf '%-10s %12.1f %12.1f %14.0f %14.0f\n' "$up" "$(echo "$heap / 1024" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
            "$(echo "($heap - $heap0) * 1024 / $up" | bc -l)" "$(echo "($rss - $rss0) * 1024 / $up" | bc -l)" \
            | tee -a "$RUN/table.txt" >&2
        if [ $((up + failed)) -lt "$level" ] || [ "$up" -lt "$level" ]; then break; fi
    done
    printf '%-10s %12.1f %12.1f  (baseline)\n' 0 "$(echo "$heap0 / 1024" | bc -l)" "$(echo "$rss0 / 1024" | bc -l)" >> "$RUN/table.txt"
    cat "$RUN/table.txt"
}

main "$@"
