#!/usr/bin/env bash
#
# FlexGate's data plane end to end (issue 8), with a strongSwan client (kernel-libipsec: userspace ESP in UDP
# 4500) in the namespaces of flexgate-interop.sh plus an "internet" host on the headend's outside segment:
#
#   NS-cli  cli0 198.18.0.2 ------+------ gw-out 198.18.0.1  NS-gw (FlexGate)  gw-in 10.0.1.254 --- srv0 10.0.1.10  NS-srv
#                                 |                                                                ("corporate", iperf3 -s)
#   NS-net  inet0 198.18.0.20 ----+  (macvlan on the client's veth: the same outside segment)
#           203.0.113.10/32          ("internet" host, a UDP echo of the peer's address; the gateway routes
#                                      203.0.113.0/24 via 198.18.0.20, the client has no route there but the tunnel)
#
# For this run the split-tunnel ACL also permits 203.0.113.0/24, so the client routes it into the tunnel.
# Checks, in order:
#   1. ping 10.0.1.10 through the tunnel; iperf3 TCP client->corporate and back (FG_IPERF_SECONDS each,
#      default 5): Mbit/s reported, only "bytes flowed" asserted.
#   2. On-wire replay and bit flip, on the AES-CBC + HMAC-SHA-256 CHILD_SA of connection mschapv2 and (after
#      check 3) on the AES-GCM-128 one of connection gtc: an ESP packet the client sent is sent again 3 times
#      from the client's namespace (raw socket, same bytes); FlexGate's "#pkts replay failed" rises by exactly 3. A second packet is held back by a drop rule in the gateway's
#      own test table (so its sequence number is fresh), then sent with one ciphertext bit flipped: "#pkts auth
#      failed" rises by exactly 1 and the replay count stays. Then the same packet unmodified, twice: one is
#      decrypted (the failed ICV did not consume the sequence number), the other counts as a replay. Ping after.
#   3. NAT overload: without NAT the internet host sees the pool address and cannot answer. With
#      etc/io.flexgate.nat-NAT.cfg (outside.interface = gw-out) FlexGate creates table inet flexgate, the host
#      sees 198.18.0.1 and its answer returns to the client through the tunnel; the test's own table in the
#      gateway is untouched. Deleting the file removes FlexGate's table, and a new flow is no longer translated.
#
# Usage:  dataplane-e2e.sh [all]   (root; strongSwan, iperf3, nftables, python3; distribution built)
#         dataplane-e2e.sh down    stop everything and delete the namespaces (after an interrupted run)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-dataplane, fgd);
#         FG_IPERF_SECONDS (default 5)
set -euo pipefail
export FG_RUN=${FG_RUN:-/tmp/flexgate-dataplane}
export FG_NS=${FG_NS:-fgd}
# No CHILD_SA rekey by FlexGate during the run (its 60 s test lifetime would change SPIs under the counters).
export FG_LOCAL_REKEY=0
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/dos/common.sh"
export FG_DIST=$ORIGINAL_DIST
WIRE=$WORK/wire.py
cp "$TOP/itests/interop/dataplane/wire.py" "$WIRE"

NS_CLI=$FG_NS-cli NS_GW=$FG_NS-gw NS_SRV=$FG_NS-srv NS_NET=$FG_NS-net
CLIENT=198.18.0.2 GW_OUT=198.18.0.1 CORP=10.0.1.10
INET_LINK=198.18.0.20 INET=203.0.113.10 INET_NET=203.0.113.0/24
ECHO_PORT=7007
IPERF_SECONDS=${FG_IPERF_SECONDS:-5}
# Every wait below is bounded by this; counters and nftables react within a second or two.
WAIT_SECONDS=30
# The test's own nftables table in the gateway: a chain that holds back client ESP on demand, and the proof
# that FlexGate's NAT leaves other tables alone.
TEST_TABLE=fgdptest
LOG_FILE=$FG_RUN/karaf/data/log/karaf.log
ACL_FILE=$FG_RUN/karaf/etc/io.flexgate.acl-split_tunnel.cfg
NAT_FILE=$FG_RUN/karaf/etc/io.flexgate.nat-NAT.cfg

fg() { bash "$INTEROP" "$@"; }

# Console commands over Karaf's SSH with a key of this run (etc/keys.properties): a fraction of a second,
# where the Karaf client (flexgate-interop.sh console, the fallback without OpenSSH) starts a JVM each time.
console_key() {
    command -v ssh > /dev/null && command -v ssh-keygen > /dev/null || return 0
    ssh-keygen -q -t ecdsa -b 256 -N '' -f "$FG_RUN/console-key"
    echo "admin=$(awk '{print $2}' "$FG_RUN/console-key.pub"),_g_:admingroup" >> "$FG_RUN/karaf/etc/keys.properties"
}
console() {
    [ -f "$FG_RUN/console-key" ] || { fg console "$@"; return; }
    nsx "$NS_GW" ssh -q -p 8101 -i "$FG_RUN/console-key" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 admin@127.0.0.1 "$*" < /dev/null
}

teardown() {
    del_ns "$NS_NET"
    finish
}

# A daemon in a namespace, its PID where flexgate-interop.sh's down finds it.
daemon() {  # daemon NAME NETNS CMD...
    local name=$1 ns=$2; shift 2
    ip netns exec "$ns" sh -c 'echo $$ > "$0"; exec "$@"' "$FG_RUN/pids/$name.pid" "$@" \
        < /dev/null > "$FG_RUN/$name.log" 2>&1 &
    disown
}

# Polls until CMD succeeds, at most WAIT_SECONDS.
wait_for() {  # wait_for WHAT CMD...
    local what=$1; shift
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" > /dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "$what (waited ${WAIT_SECONDS}s)"
        sleep 0.5
    done
}

internet_up() {
    ip netns add "$NS_NET"
    nsx "$NS_NET" ip link set lo up
    nsx "$NS_CLI" ip link add link cli0 name inet0 type macvlan mode bridge
    nsx "$NS_CLI" ip link set inet0 netns "$NS_NET"
    nsx "$NS_NET" ip addr add $INET_LINK/24 dev inet0
    nsx "$NS_NET" ip addr add $INET/32 dev inet0
    nsx "$NS_NET" ip link set inet0 up
    nsx "$NS_GW" ip route add $INET_NET via $INET_LINK dev gw-out
    nsx "$NS_GW" ping -c1 -W2 $INET > /dev/null || die "gateway -> internet host $INET"
    if nsx "$NS_CLI" ip route get $INET > /dev/null 2>&1; then die "the client reaches $INET without the tunnel"; fi
    daemon echo "$NS_NET" python3 "$WIRE" echo-server $INET $ECHO_PORT "$FG_RUN/echo-peers.txt"
    nsx "$NS_GW" nft -f - <<EOF
table inet $TEST_TABLE {
    chain hold {
        type filter hook prerouting priority raw; policy accept;
    }
}
EOF
    log "internet host $INET up on the outside segment ($NS_NET), test table inet $TEST_TABLE in $NS_GW"
}

# The run's split tunnel also permits the internet prefix (fileinstall applies the edit to io.flexgate.acl~split_tunnel).
split_acl_add() {
    sed -i 's/^entries = .*/entries = permit 10.0.0.0 0.255.255.255, permit 203.0.113.0 0.0.0.255/' "$ACL_FILE"
    wait_for "split_tunnel ACL not updated" grep -q 'split_tunnel.*permits.*203\.0\.113\.0/24' "$LOG_FILE"
}

connect_client() {
    fg connect mschapv2
    swanctl_ --list-sas --ike mschapv2 | grep -q 'remote .*203\.0\.113\.0/24' \
        || { swanctl_ --list-sas --ike mschapv2; die "203.0.113.0/24 not in the CHILD_SA's traffic selectors"; }
    POOL_ADDRESS=$(swanctl_ --list-sas --ike mschapv2 | grep -oE 'local  192\.168\.10\.[0-9]+' | head -n1 | awk '{print $2}')
}

swanctl_() {
    STRONGSWAN_CONF=$FG_RUN/cli/strongswan.conf SWANCTL_DIR=$FG_RUN/cli/swanctl \
        swanctl "$@" --uri "unix://$FG_RUN/cli/run/charon.vici"
}

ping_corp() {  # ping_corp LABEL
    local f=$FG_RUN/ping-${1//[^A-Za-z0-9]/_}.txt
    nsx "$NS_CLI" ping -c3 -i0.2 -W2 $CORP > "$f" 2>&1 || { cat "$f"; die "$1: ping $CORP through the tunnel"; }
    log "$1: ping $CORP through the tunnel: $(grep -oE '[0-9]+ received' "$f")"
}

# iperf3 JSON: bytes received and Mbit/s at the receiving end.
iperf_result() {
    python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]["sum_received"]; print(int(e["bytes"]), "%.1f" % (e["bits_per_second"] / 1e6))' "$1"
}

corporate() {
    ping_corp corporate
    daemon iperf3 "$NS_SRV" iperf3 -s -B $CORP
    wait_for "iperf3 server did not listen" sh -c "ip netns exec $NS_SRV ss -Hltn 'sport = :5201' | grep -q ."
    local dir flag bytes mbit e0 s0 e1 s1
    for dir in up down; do
        read -r _ _ _ _ e0 s0 < <(counters) || true
        flag=; [ $dir = down ] && flag=-R
        timeout $((IPERF_SECONDS + 20)) ip netns exec "$NS_CLI" iperf3 -c $CORP -t "$IPERF_SECONDS" -J \
            --connect-timeout 5000 $flag > "$FG_RUN/iperf-$dir.json" 2>&1 \
            || { tail -20 "$FG_RUN/iperf-$dir.json"; die "iperf3 $dir failed"; }
        read -r bytes mbit < <(iperf_result "$FG_RUN/iperf-$dir.json")
        [ "$bytes" -gt 0 ] || die "iperf3 $dir: no bytes received"
        read -r _ _ _ _ e1 s1 < <(counters) || true
        log "iperf3 TCP ${IPERF_SECONDS}s $([ $dir = up ] && echo "client -> $CORP" || echo "$CORP -> client"):" \
            "$mbit Mbit/s, $bytes bytes received; FlexGate sealed $((${e1:-0} - ${e0:-0})) ESP packets," \
            "$((${s1:-0} - ${s0:-0})) outbound drops (#send errors)"
    done
}

# FlexGate's counters of the (single) CHILD_SA, from crypto:ipsec-sa:
# "decaps replay-failed auth-failed children encaps send-errors".
counters() {
    console 'crypto:ipsec-sa --no-format' > "$FG_RUN/ipsec-sa.txt" 2>&1 || true
    awk '/#pkts decaps:/ {gsub(",", ""); d += $3}
         /#pkts encaps:/ {gsub(",", ""); e += $3}
         /#send errors/ {gsub(",", ""); s += $3}
         /#pkts replay failed:/ {gsub(",", ""); r += $4; a += $8; n++}
         END {if (NR) print d + 0, r + 0, a + 0, n + 0, e + 0, s + 0}' "$FG_RUN/ipsec-sa.txt"
}

# Waits until the counters reach at least the expected values, then requires them to equal them.
expect_counters() {  # expect_counters WHAT DECAPS REPLAY AUTH ("-" for any)
    local what=$1 want_d=$2 want_r=$3 want_a=$4 d r a
    local deadline=$((SECONDS + WAIT_SECONDS))
    while :; do
        read -r d r a _ _ _ < <(counters) || true
        { [ "$want_d" = - ] || [ "${d:-0}" -ge "$want_d" ]; } && [ "${r:-0}" -ge "$want_r" ] && [ "${a:-0}" -ge "$want_a" ] && break
        [ $SECONDS -lt $deadline ] || { cat "$FG_RUN/ipsec-sa.txt"; die "$what: counters decaps=$d replay=$r auth=$a, want $want_d/$want_r/$want_a"; }
        sleep 0.5
    done
    { [ "$want_d" = - ] || [ "$d" -eq "$want_d" ]; } && [ "$r" -eq "$want_r" ] && [ "$a" -eq "$want_a" ] \
        || { cat "$FG_RUN/ipsec-sa.txt"; die "$what: counters decaps=$d replay=$r auth=$a, want exactly $want_d/$want_r/$want_a"; }
    COUNTERS="$d $r $a"
}

wire_capture() {  # wire_capture FILE PING_ARGS...: the first ESP packet the client sends during the ping
    local out=$1; shift
    nsx "$NS_CLI" python3 "$WIRE" capture cli0 $CLIENT "$out" 10 -- ping "$@" $CORP
}

wire_send() { nsx "$NS_CLI" python3 "$WIRE" send "$@"; }

replay_and_flip() {  # replay_and_flip CONNECTION: on its (single) CHILD_SA
    local c=$1 w d0 r0 a0 d1 r1 a1 line
    w="wire $(swanctl_ --list-sas --ike "$c" | grep -oE 'ESP:[A-Z0-9_/-]+' | head -n1)"
    local n=0 deadline=$((SECONDS + WAIT_SECONDS))
    # One CHILD_SA only (an earlier session's DELETE done), so the sums below are this SA's counters.
    until [ "$n" = 1 ]; do
        [ $SECONDS -lt $deadline ] || { cat "$FG_RUN/ipsec-sa.txt"; die "$w: crypto:ipsec-sa shows $n CHILD_SAs, want 1"; }
        read -r d0 r0 a0 n _ _ < <(counters) || true
        [ "$n" = 1 ] || sleep 0.5
    done
    line=$(wire_capture "$FG_RUN/esp-seen-$c.hex" -c1 -W2) || die "$w: $line"
    log "$w: $line (delivered)"
    line=$(wire_send "$FG_RUN/esp-seen-$c.hex" 3)
    log "$w: $line"
    # Held back: dropped in the gateway before FlexGate reads it, so its sequence number stays fresh.
    nsx "$NS_GW" nft add rule inet $TEST_TABLE hold ip saddr $CLIENT udp dport 4500 '@th,64,32' != 0 counter drop
    line=$(wire_capture "$FG_RUN/esp-held-$c.hex" -c1 -W1) || die "$w: $line"
    nsx "$NS_GW" nft flush chain inet $TEST_TABLE hold
    log "$w: $line (held back in $NS_GW)"
    line=$(wire_send "$FG_RUN/esp-held-$c.hex" 1 flip)
    log "$w: $line"
    expect_counters "$w: replay x3, flipped x1" - $((r0 + 3)) $((a0 + 1))
    read -r d1 r1 a1 <<< "$COUNTERS"
    log "$w: FlexGate counted #pkts replay failed +$((r1 - r0)) (sent 3), #pkts auth failed +$((a1 - a0)) (sent 1)"
    line=$(wire_send "$FG_RUN/esp-held-$c.hex" 2)
    log "$w: $line (the held packet unmodified)"
    expect_counters "$w: held packet x2" $((d1 + 1)) $((r1 + 1)) "$a1"
    log "$w: held packet decrypted once (#pkts decaps +1), its copy counted as a replay (+1); auth failed unchanged"
    ping_corp "$w: after replay and flip"
}

nft_gw() { nsx "$NS_GW" nft "$@"; }

probe_internet() { nsx "$NS_CLI" python3 "$WIRE" probe $INET $ECHO_PORT "$1"; }

nat() {
    local before out
    before=$(nft_gw list tables)
    [ "$before" = "table inet $TEST_TABLE" ] || die "nat: unexpected tables before NAT: $before"
    if out=$(probe_internet 1); then die "nat: the internet host answered without NAT: $out"; fi
    wait_for "nat: the probe without NAT never reached $INET" grep -q "^from $POOL_ADDRESS:" "$FG_RUN/echo-peers.txt"
    log "nat: without NAT $INET saw the pool address $POOL_ADDRESS and could not answer"
    printf 'sources = 192.168.10.0 0.0.0.255\noutside.interface = gw-out\n' > "$NAT_FILE"
    wait_for "nat: FlexGate created no table inet flexgate" nft_gw list table inet flexgate
    nft_gw list table inet flexgate > "$FG_RUN/nft-flexgate.txt"
    grep -q 'oifname "gw-out"' "$FG_RUN/nft-flexgate.txt" && grep -q masquerade "$FG_RUN/nft-flexgate.txt" \
        || { cat "$FG_RUN/nft-flexgate.txt"; die "nat: table inet flexgate holds no masquerade out of gw-out"; }
    nsx "$NS_CLI" ping -c2 -i0.2 -W2 $INET > "$FG_RUN/ping-internet.txt" 2>&1 \
        || { cat "$FG_RUN/ping-internet.txt"; die "nat: ping $INET through the tunnel and NAT"; }
    out=$(probe_internet 5) || die "nat: $out"
    [ "$out" = "answer from $INET:$ECHO_PORT: seen-from $GW_OUT" ] || die "nat: $out (want seen-from $GW_OUT)"
    grep -q "^from $GW_OUT:" "$FG_RUN/echo-peers.txt" || die "nat: the internet host logged no peer $GW_OUT"
    nft_gw list table inet flexgate > "$FG_RUN/nft-flexgate.txt"
    log "nat: $INET saw $GW_OUT and answered through the tunnel ($out; ping $(grep -oE '[0-9]+ received' "$FG_RUN/ping-internet.txt"));" \
        "rule: $(grep -oE 'counter packets [0-9]+ bytes [0-9]+ masquerade' "$FG_RUN/nft-flexgate.txt")"
    [ "$(nft_gw list tables | sort | tr '\n' ' ')" = "table inet $TEST_TABLE table inet flexgate " ] \
        || die "nat: tables with NAT: $(nft_gw list tables | tr '\n' ' ')"
    rm "$NAT_FILE"
    wait_for "nat: table inet flexgate still there after the NAT configuration was deleted" \
        sh -c "! ip netns exec $NS_GW nft list table inet flexgate"
    [ "$(nft_gw list tables)" = "table inet $TEST_TABLE" ] || die "nat: tables after NAT removal: $(nft_gw list tables)"
    nft_gw list chain inet $TEST_TABLE hold > /dev/null || die "nat: the test's own table lost its chain"
    if out=$(probe_internet 1); then die "nat: a new flow was still translated after removal: $out"; fi
    wait_for "nat: the probe after removal did not reach $INET with the pool address" \
        sh -c "[ \$(grep -c '^from $POOL_ADDRESS:' '$FG_RUN/echo-peers.txt') -ge 2 ]"
    log "nat: configuration deleted: table inet flexgate removed, inet $TEST_TABLE untouched, a new flow untranslated"
}

all() {
    for tool in iperf3 nft python3; do command -v $tool > /dev/null || die "$tool is not installed"; done
    trap teardown EXIT
    fg up
    console_key
    internet_up
    split_acl_add
    connect_client
    corporate
    replay_and_flip mschapv2
    nat
    # The same on the wire with AES-GCM (RFC 4106), the other transform family.
    swanctl_ --terminate --ike mschapv2 --timeout 10 > /dev/null 2>&1 || true
    fg connect gtc
    replay_and_flip gtc
    console 'crypto:session --detail' > "$FG_RUN/session-detail.txt" 2>&1 || true
    grep -E "#pkts|Inbound|Outbound" "$FG_RUN/session-detail.txt" | sed 's/^ */  /' || true
    swanctl_ --terminate --ike gtc --timeout 10 > /dev/null 2>&1 || true
    log "dataplane done"
}

case "${1:-all}" in
    all) all ;;
    down) teardown ;;
    *) sed -n '2,32p' "$0"; exit 2 ;;
esac
