#!/usr/bin/env bash
#
# The FlexGate client against FlexGate, each in a network namespace this script creates (the pattern of
# flexgate-interop.sh, with its own namespace prefix):
#
#   fgc-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  fgc-gw   (FlexGate, shipped etc/)
#            FlexGate client (bundles/client)  gw-in 10.0.1.254/24
#
# Checks, as a user would see them:
#   - AnyConnect-EAP as user test: exit 0, an address from ACP00L, DNS 10.0.1.1, split network 10.0.0.0/8,
#     a TUN with that address and route in the client namespace, clean disconnect (lease released)
#   - EAP-MSCHAPv2 as user test (profile Standard-EAP): the same
#   - wrong password: exit code 2 and a clear message
#   - server certificate from another CA: exit code 3 and a clear message
#   - load: 10 sessions at 5/s held 2 s (numbers printed; no assertion on speed or completion in time)
#
# Usage:  flexgate-client-interop.sh all | up | down
# Env:    FG_RUN   runtime directory (default /tmp/flexgate-client-interop)
#         FG_DIST  distribution archive (default karaf-assembly/target/flexgate-distribution-*.tar.gz)
#         FG_NS    prefix of the namespace names (default fgc)
#         FG_LOAD=0  skip the load run
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
SERVER_NAME=vpn.flexgate.test

t0=$(date +%s.%N)
log() { printf '[%6.2fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')" "$*"; }
die() { log "FAIL: $*"; exit 1; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

java17() {
    for j in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk*; do
        [ -n "$j" ] && [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | grep -q 'version "17' && { echo "$j"; return; }
    done
    die "Java 17 not found"
}

bg_ns() {  # bg_ns NAME NETNS LOGFILE CMD...
    local name=$1 ns=$2 out=$3; shift 3
    ip netns exec "$ns" sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/$name.pid" "$@" < /dev/null > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/$name.pid" ] && return 0; sleep 0.02; done
    die "$name did not start"
}

net_up() {
    for ns in $NS_CLI $NS_GW; do
        ip netns add $ns
        nsx $ns ip link set lo up
    done
    ip link add cli0 netns $NS_CLI type veth peer name gw-out netns $NS_GW
    nsx $NS_CLI ip addr add 198.18.0.2/24 dev cli0
    nsx $NS_CLI ip link set cli0 up
    nsx $NS_GW ip addr add $GW/24 dev gw-out
    nsx $NS_GW ip link set gw-out up
    nsx $NS_CLI ping -c1 -W2 $GW > /dev/null || die "veth client -> gateway"
}

console() {
    local jh; jh=$(java17)
    printf '%s\n' "$*" | nsx $NS_GW env JAVA_HOME="$jh" "$RUN/karaf/bin/client" -a 8101 -u admin -p "$CONSOLE_PASSWORD" -b -r 3 -d 1
}

flexgate_up() {
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive (build it: mvn -B install -DskipTests)"
    mkdir -p "$RUN/karaf"
    tar -xzf "$DIST" -C "$RUN/karaf" --strip-components=1
    local etc=$RUN/karaf/etc
    printf 'fqdn = %s\naddress = %s\n' "$SERVER_NAME" "$GW" > "$etc/io.flexgate.pki.cfg"
    printf 'admin = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
        "$CONSOLE_PASSWORD" > "$etc/users.properties"
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
    local jar; jar=$(ls "$TOP"/bundles/client/target/client-*.jar | head -n 1)
    printf '%s\n' "$password" | nsx $NS_CLI timeout 150 "$jh/bin/java" -cp "$jar:$TOP/bundles/client/target/lib/*" \
        io.flexgate.client.Main "$@"
}

# Connects with METHOD, holds the session while the TUN is checked, and expects a clean end.
connect_ok() {  # connect_ok METHOD
    local m=$1 out=$RUN/connect-$1.txt
    client cisco123 connect $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME --user test \
        --method "$m" --tun fgc0 --hold 4 > "$out" 2>&1 &
    local pid=$! deadline=$((SECONDS + 60))
    until grep -q '^tun fgc0 up' "$out" 2>/dev/null; do
        kill -0 $pid 2>/dev/null || { cat "$out"; die "$m: client ended before the TUN was up"; }
        [ $SECONDS -lt $deadline ] || { cat "$out"; die "$m: no TUN within 60 s"; }
        sleep 0.2
    done
    nsx $NS_CLI ip -4 addr show dev fgc0 | grep -qE 'inet 192\.168\.10\.' || die "$m: TUN fgc0 has no pool address"
    nsx $NS_CLI ip route show dev fgc0 | grep -q '^10\.0\.0\.0/8' || die "$m: no route 10.0.0.0/8 on fgc0"
    local rc=0; wait $pid || rc=$?
    [ $rc -eq 0 ] || { cat "$out"; die "$m: client exit code $rc"; }
    grep -qE '^address 192\.168\.10\.' "$out" || { cat "$out"; die "$m: no address from ACP00L"; }
    grep -q '^dns 10.0.1.1' "$out" || { cat "$out"; die "$m: DNS 10.0.1.1 not received"; }
    grep -q '^routes 10.0.0.0/8' "$out" || { cat "$out"; die "$m: split network 10.0.0.0/8 not received"; }
    grep -q '^disconnected' "$out" || { cat "$out"; die "$m: no clean disconnect"; }
    ! nsx $NS_CLI ip link show fgc0 > /dev/null 2>&1 || die "$m: TUN fgc0 left behind"
    log "connected $m: $(grep -E '^(address|dns|routes|CHILD_SA)' "$out" | tr '\n' ';')"
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

load() {
    local out=$RUN/load.txt rc=0
    client cisco123 load $GW --ca "$RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME --user test \
        --method anyconnect --sessions 10 --rate 5 --hold 2 > "$out" 2>&1 || rc=$?
    grep -vE '^started' "$out" | grep -vE 'INFO|WARN|DEBUG' || true
    grep -q '^sessions 10, established [1-9]' "$out" || die "load: no session established (exit code $rc)"
    log "load: exit code $rc (numbers above; they depend on the machine's load)"
}

up() {
    [ -e /run/netns/$NS_GW ] && die "already up (run: $0 down)"
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    ls "$TOP"/bundles/client/target/client-*.jar > /dev/null 2>&1 || die "client not built (mvn -B install -DskipTests -pl bundles/client -am)"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    net_up; log "namespaces up"
    flexgate_up
}

down() {
    for f in "$RUN"/pids/*.pid; do
        [ -f "$f" ] || continue
        kill "$(cat "$f")" 2>/dev/null || true
    done
    sleep 0.5
    for f in "$RUN"/pids/*.pid; do
        [ -f "$f" ] || continue
        kill -9 "$(cat "$f")" 2>/dev/null || true
        rm -f "$f"
    done
    for ns in $NS_CLI $NS_GW; do
        ip netns pids $ns 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns del $ns 2>/dev/null || true
    done
}

all() {
    trap down EXIT
    up
    connect_ok anyconnect
    connect_ok mschapv2
    wrong_password
    untrusted_server
    if [ "${FG_LOAD:-1}" = 1 ]; then load; fi
    console 'ip:local-pool' | tee "$RUN/pool-after.txt"
    log "all done"
}

case "${1:-all}" in
    all) all ;;
    up) up ;;
    down) down ;;
    *) sed -n '2,24p' "$0"; exit 2 ;;
esac
