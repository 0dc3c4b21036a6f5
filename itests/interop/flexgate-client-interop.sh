#!/usr/bin/env bash
#
# The FlexGate client against FlexGate, each in a network namespace this script creates (the pattern of
# flexgate-interop.sh, with its own namespace prefix):
#
#   fgc-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  fgc-gw   (FlexGate, shipped etc/;
#            and  198.18.0.3/24 (load)
#            FlexGate client (bundles/client)                      10.0.1.1/32 on lo: the headend's own
#                                                                  address in the split network)
#
# Checks, as a user would see them:
#   - AnyConnect-EAP as user test: an address from ACP00L, DNS 10.0.1.1, split network 10.0.0.0/8, a TUN with
#     that address and only that route in the client namespace; ping 10.0.1.1 THROUGH the tunnel (ESP in UDP
#     4500), FlexGate's crypto:session --detail counts the decrypted packets; SIGTERM (what Ctrl-C does, to a
#     background job that ignores SIGINT) sends DELETE and removes the TUN and its route (lease released)
#   - FlexGate rekeys the CHILD_SA at its soft lifetime (60 s IPsec lifetime in this run's etc): the client
#     installs the new pair, the old one is deleted, the ping still goes through (FG_REKEY=0 skips; 60-70 s)
#   - EAP-MSCHAPv2 as user test (profile Standard-EAP): connect, ping through, clean end after --hold
#   - wrong password: exit code 2 and a clear message
#   - server certificate from another CA: exit code 3 and a clear message
#   - load: 6 sessions at 5/s held 2 s from 198.18.0.2 and .3, without INITIAL_CONTACT (numbers printed; no
#     assertion on speed or completion in time; sessions from both addresses must come up)
#   - the client inside Karaf (feature flexgate-client), in FlexGate's own console, to FlexGate itself without a
#     TUN: client:connect as test, client:status shows it CONNECTED, client:disconnect ends it; a wrong password
#     is a clear error (FG_KARAF_CLIENT=0 skips)
#
# Usage:  flexgate-client-interop.sh all | up | down
# Env:    FG_RUN   runtime directory (default /tmp/flexgate-client-interop)
#         FG_DIST  distribution archive (default karaf-assembly/target/flexgate-distribution-*.tar.gz)
#         FG_NS    prefix of the namespace names (default fgc)
#         FG_LOAD=0  skip the load run
#         FG_REKEY=0 skip the CHILD_SA rekey check (and keep the shipped IPsec lifetime)
#
# Needs root (namespaces) and a built client (mvn -B install -DskipTests -pl bundles/client -am).
# Every process is started here and stopped by PID in `down`.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
RUN=${FG_RUN:-/tmp/flexgate-client-interop}
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
NS=${FG_NS:-fgc}
NS_CLI=$NS-cli NS_GW=$NS-gw
CONSOLE_PASSWORD=client-interop-console
BOOT_TIMEOUT=${FG_BOOT_TIMEOUT:-180}
GW=198.18.0.1
CLI=198.18.0.2
CLI2=198.18.0.3
INSIDE=10.0.1.1
SERVER_NAME=vpn.flexgate.test

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

flexgate_up() {
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive (build it: mvn -B install -DskipTests)"
    mkdir -p "$RUN/karaf"
    tar -xzf "$DIST" -C "$RUN/karaf" --strip-components=1
    local etc=$RUN/karaf/etc
    printf 'fqdn = %s\naddress = %s\n' "$SERVER_NAME" "$GW" > "$etc/io.flexgate.pki.cfg"
    printf 'admin = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
        "$CONSOLE_PASSWORD" > "$etc/users.properties"
    if [ "${FG_REKEY:-1}" = 1 ]; then
        sed -i 's/^lifetime.seconds = .*/lifetime.seconds = 60/' "$etc/io.flexgate.ipsec.profile-AnyConnect-EAP.cfg"
    fi
    local jh; jh=$(java17)
    bg_ns flexgate $NS_GW "$RUN/flexgate.stdout" env JAVA_HOME="$jh" FLEXGATE_HEAP=256m "$RUN/karaf/bin/karaf" server
    local deadline=$((SECONDS + BOOT_TIMEOUT))
    until nsx $NS_GW ss -Hlun 'sport = :500' | grep -q . && console 'flexgate:status' 2>/dev/null | grep -q 'Session registry'; do
        [ $SECONDS -lt $deadline ] || die "FlexGate did not come up within ${BOOT_TIMEOUT}s (see $RUN/karaf/data/log/karaf.log)"
        sleep 1
    done
    local ca=$RUN/karaf/data/flexgate/pki/ca.crt
    for _ in $(seq 1 100); do [ -s "$ca" ] && break; sleep 0.1; done
    [ -s "$ca" ] || die "FlexGate exported no CA certificate ($ca)"
    log "FlexGate up in $NS_GW (pid $(cat "$RUN/pids/flexgate.pid"))"
}

# Runs the client in the client namespace with PASSWORD on standard input (no terminal: one line is read).
client() {  # client PASSWORD ARGS...
    local password=$1; shift
    local jh; jh=$(java17)
    local jar; jar=$(ls "$TOP"/bundles/client/target/client-*.jar | grep -v sources | head -n 1)
    printf '%s\n' "$password" | nsx $NS_CLI timeout 150 "$jh/bin/java" -cp "$jar:$TOP/bundles/client/target/lib/*" \
        io.flexgate.client.Main "$@"
}

# As client, in the background, its Java PID in $RUN/pids/NAME.pid (for the signal a Ctrl-C would send).
client_bg() {  # client_bg NAME PASSWORD OUT ARGS...
    local name=$1 password=$2 out=$3; shift 3
    local jh; jh=$(java17)
    local jar; jar=$(ls "$TOP"/bundles/client/target/client-*.jar | grep -v sources | head -n 1)
    rm -f "$RUN/pids/$name.pid"
    printf '%s\n' "$password" | nsx $NS_CLI sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/$name.pid" \
        "$jh/bin/java" -cp "$jar:$TOP/bundles/client/target/lib/*" io.flexgate.client.Main "$@" > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/$name.pid" ] && return 0; sleep 0.02; done
    die "$name did not start"
}

wait_for_line() {  # wait_for_line FILE REGEX SECONDS WHAT
    local deadline=$((SECONDS + $3))
    until grep -qE "$2" "$1" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || { cat "$1"; die "$4: not within $3 s"; }
        sleep 0.2
    done
}

# Pings the headend's inside address through the tunnel; the headend must count decrypted packets.
ping_through() {  # ping_through WHAT
    nsx $NS_CLI ping -c3 -i0.2 -W2 $INSIDE > "$RUN/ping-$1.txt" 2>&1 || { cat "$RUN/ping-$1.txt"; die "$1: ping $INSIDE through the tunnel"; }
    console 'crypto:session --detail' > "$RUN/session-$1.txt" 2>&1 || true
    local dec; dec=$({ grep -oE "#pkts dec'ed [0-9]+" "$RUN/session-$1.txt" || true; } | awk '{s+=$3} END {print s+0}')
    [ "$dec" -ge 3 ] || { cat "$RUN/session-$1.txt"; die "$1: FlexGate decrypted $dec packets (expected >= 3)"; }
    log "$1: ping $INSIDE through the tunnel: $(grep -oE '[0-9]+ received' "$RUN/ping-$1.txt"); FlexGate decrypted $dec packets"
}

tunnel_checks() {  # tunnel_checks METHOD OUT
    local m=$1 out=$2
    nsx $NS_CLI ip -4 addr show dev fgc0 | grep -qE 'inet 192\.168\.10\.' || die "$m: TUN fgc0 has no pool address"
    [ "$(nsx $NS_CLI ip -4 route show dev fgc0 | awk '{print $1}' | tr '\n' ' ')" = "10.0.0.0/8 " ] \
        || { nsx $NS_CLI ip -4 route show dev fgc0; die "$m: routes on fgc0 are not exactly the split network 10.0.0.0/8"; }
    grep -qE '^address 192\.168\.10\.' "$out" || { cat "$out"; die "$m: no address from ACP00L"; }
    grep -q '^dns 10.0.1.1' "$out" || { cat "$out"; die "$m: DNS 10.0.1.1 not received"; }
    grep -q '^routes 10.0.0.0/8' "$out" || { cat "$out"; die "$m: split network 10.0.0.0/8 not received"; }
}

tunnel_gone() {  # tunnel_gone METHOD OUT
    grep -q '^IKE SA deleted' "$2" || { cat "$2"; die "$1: no clean DELETE (the headend did not answer it)"; }
    ! nsx $NS_CLI ip link show fgc0 > /dev/null 2>&1 || die "$1: TUN fgc0 left behind"
    ! nsx $NS_CLI ip -4 route show | grep -q '^10\.0\.0\.0/8' || die "$1: route 10.0.0.0/8 left behind"
}

# AnyConnect-EAP until SIGTERM: tunnel, ping through, optionally the headend's rekey, then a clean end.
connect_anyconnect() {
    local m=anyconnect out=$RUN/connect-anyconnect.txt
    client_bg connect-anyconnect cisco123 "$out" connect $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" \
        --server-name $SERVER_NAME --user test --method anyconnect --tun fgc0
    wait_for_line "$out" '^tun fgc0 up' 60 "$m: TUN up"
    tunnel_checks $m "$out"
    ping_through $m
    if [ "${FG_REKEY:-1}" = 1 ]; then
        local spi0; spi0=$(grep -oE '^CHILD_SA in [0-9a-f]+' "$out" | awk '{print $3}')
        wait_for_line "$out" 'rekeyed by the headend' 90 "$m: CHILD_SA rekey by the headend (60 s lifetime)"
        wait_for_line "$out" "CHILD_SA $spi0 deleted by the headend" 15 "$m: old CHILD_SA $spi0 deleted"
        ping_through $m-rekeyed
        log "$m: $(grep -oE 'CHILD_SA [0-9a-f]+ rekeyed by the headend: new SPIs in [0-9a-f]+ out [0-9a-f]+' "$out")"
    fi
    kill -TERM "$(cat "$RUN/pids/connect-anyconnect.pid")"
    local deadline=$((SECONDS + 20))
    while kill -0 "$(cat "$RUN/pids/connect-anyconnect.pid")" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || die "$m: client still running 20 s after SIGTERM"
        sleep 0.2
    done
    rm -f "$RUN/pids/connect-anyconnect.pid"
    tunnel_gone $m "$out"
    grep -qE '^ESP [1-9][0-9]* packets' "$out" || { cat "$out"; die "$m: no ESP counters at the end"; }
    log "connected $m: $(grep -E '^(address|dns|routes|CHILD_SA|ESP)' "$out" | tr '\n' ';')"
}

# EAP-MSCHAPv2 with --hold (long enough for the console's answer on a loaded machine): tunnel, ping through,
# exit 0 after the hold with a clean end.
connect_mschapv2() {
    local m=mschapv2 out=$RUN/connect-mschapv2.txt
    client cisco123 connect $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME --user test \
        --method $m --tun fgc0 --hold 30 > "$out" 2>&1 &
    local pid=$!
    wait_for_line "$out" '^tun fgc0 up' 60 "$m: TUN up"
    tunnel_checks $m "$out"
    ping_through $m
    local rc=0; wait $pid || rc=$?
    [ $rc -eq 0 ] || { cat "$out"; die "$m: client exit code $rc"; }
    grep -q '^disconnected' "$out" || { cat "$out"; die "$m: no clean disconnect"; }
    tunnel_gone $m "$out"
    log "connected $m: $(grep -E '^(address|dns|routes|CHILD_SA|ESP)' "$out" | tr '\n' ';')"
}

# The client in Karaf, connecting from the headend's namespace to the headend itself (control plane only).
karaf_client() {
    local ca=$RUN/karaf/data/flexgate/pki/ca.crt out=$RUN/karaf-client.txt
    console 'feature:install flexgate-client' > "$out" 2>&1 || { cat "$out"; die "karaf client: feature:install flexgate-client"; }
    local deadline=$((SECONDS + 60))
    until console 'client:status --no-format' > "$out" 2>&1 && ! grep -qi 'not running\|command not found' "$out"; do
        [ $SECONDS -lt $deadline ] || { cat "$out"; die "karaf client: no client:status within 60 s"; }
        sleep 1
    done
    console "client:connect --name self --user test --ca $ca --server-name $SERVER_NAME --password cisco123 $GW" \
        > "$out" 2>&1 || true
    grep -q '^client session self: connected' "$out" || { cat "$out"; die "karaf client: client:connect did not connect"; }
    grep -qE 'address +192\.168\.10\.' "$out" || { cat "$out"; die "karaf client: no pool address"; }
    console 'client:status --no-format' > "$out" 2>&1 || true
    grep -qE '^self[[:space:]|]+198\.18\.0\.1:500[[:space:]|]+test[[:space:]|]+CONNECTED' "$out" || { cat "$out"; die "karaf client: client:status has no CONNECTED self"; }
    console 'client:disconnect self' > "$out" 2>&1 || true
    grep -q '^client session self: disconnected' "$out" || { cat "$out"; die "karaf client: client:disconnect"; }
    console "client:connect --name bad --user test --ca $ca --server-name $SERVER_NAME --password wrong $GW" \
        > "$out" 2>&1 || true
    grep -q 'client session bad: failed' "$out" || { cat "$out"; die "karaf client: wrong password not reported"; }
    log "karaf client: client:connect/status/disconnect to FlexGate itself; wrong password: $(grep -m1 -oE 'authentication failed[^"]*' "$out")"
}

wrong_password() {
    local out=$RUN/wrong-password.txt rc=0
    client not-the-password connect $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME \
        --user test --method anyconnect --no-tun > "$out" 2>&1 || rc=$?
    [ $rc -eq 2 ] || { cat "$out"; die "wrong password: exit code $rc, expected 2"; }
    log "wrong password: exit $rc: $(grep 'flexgate connect:' "$out")"
}

untrusted_server() {
    local out=$RUN/untrusted.txt rc=0
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$RUN/other-ca.key" -out "$RUN/other-ca.pem" -days 2 \
        -subj "/CN=Some Other CA" > /dev/null 2>&1 || die "openssl could not make a CA"
    client cisco123 connect $GW --ca "$RUN/other-ca.pem" --server-name $SERVER_NAME --user test \
        --method anyconnect --no-tun > "$out" 2>&1 || rc=$?
    [ $rc -eq 3 ] || { cat "$out"; die "untrusted server: exit code $rc, expected 3"; }
    log "untrusted server certificate: exit $rc: $(grep 'flexgate connect:' "$out")"
}

# Load from two source addresses, one user, without INITIAL_CONTACT (which would make FlexGate replace each
# session by the next one of the same user): 6 sessions, as many as ACP00L has addresses.
load() {
    local out=$RUN/load.txt rc=0
    client cisco123 load $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME --user test \
        --method anyconnect --sessions 6 --rate 5 --hold 2 --source $CLI,$CLI2 --no-initial-contact \
        > "$out" 2>&1 || rc=$?
    grep -vE '^started' "$out" | grep -vE 'INFO|WARN|DEBUG' || true
    grep -q '^sessions 6, established [1-9]' "$out" || die "load: no session established (exit code $rc)"
    grep -q "Session up: user 'test' from $CLI2" "$RUN/karaf/data/log/karaf.log" \
        || die "load: no session from the second source address $CLI2"
    log "load: exit code $rc (numbers above; they depend on the machine's load); sessions from $CLI and $CLI2"
}

up() {
    [ -e /run/netns/$NS_GW ] && die "already up (run: $0 down)"
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    ls "$TOP"/bundles/client/target/client-*.jar > /dev/null 2>&1 || die "client not built (mvn -B install -DskipTests -pl bundles/client -am)"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    net2_up $CLI $CLI2; log "namespaces up"
    flexgate_up
}

down() {
    stop_pids
    del_ns $NS_CLI $NS_GW
}

all() {
    trap down EXIT
    up
    connect_anyconnect
    connect_mschapv2
    wrong_password
    untrusted_server
    if [ "${FG_LOAD:-1}" = 1 ]; then load; fi
    if [ "${FG_KARAF_CLIENT:-1}" = 1 ]; then karaf_client; fi
    console 'ip:local-pool' | tee "$RUN/pool-after.txt"
    log "all done"
}

case "${1:-all}" in
    all) all ;;
    up) up ;;
    down) down ;;
    *) sed -n '2,30p' "$0"; exit 2 ;;
esac
