# shellcheck shell=bash
# Helpers shared by the interop scripts in this directory and below it (and bench/run-*.sh): source it, do not
# run it. The helpers read, when called:
#   log, die            t0, set here when this file is sourced (the script's start)
#   bg_ns, stop_pids    RUN, the runtime directory (each daemon's PID in $RUN/pids/NAME.pid)
#   net3_up             NS_CLI NS_GW NS_SRV, the namespace names
#   net2_up             NS_CLI NS_GW; GW and INSIDE, the gateway's addresses
#   console             NS_GW, RUN (the distribution in $RUN/karaf), CONSOLE_PASSWORD (user admin)
#   charon_wait         nothing (its argument names the charon's directory)
#   trace_overlay       nothing (its argument names an etc/ directory)
#   secret_check        found, the count of secrets seen so far (set it to 0 first)
# bash reads a sourced file whole, so an edit to it during a run does not reach that run. A script copied
# elsewhere to run (dos/common.sh copies flexgate-interop.sh) needs this file copied beside it.

t0=$(date +%s.%N)
log() { printf '[%6.2fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')" "$*"; }
die() { log "FAIL: $*"; exit 1; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Starts a daemon inside a namespace, detached, recording its PID.
bg_ns() {  # bg_ns NAME NETNS LOGFILE CMD...
    local name=$1 ns=$2 out=$3; shift 3
    # shellcheck disable=SC2016  # $$ and $@ are the inner sh's
    ip netns exec "$ns" sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/$name.pid" "$@" < /dev/null > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/$name.pid" ] && return 0; sleep 0.02; done
    die "$name did not start"
}

java17() {
    for j in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk*; do
        [ -n "$j" ] && [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | grep -q 'version "17' && { echo "$j"; return; }
    done
    die "Java 17 not found"
}

# Stops every process recorded in $RUN/pids (SIGTERM, half a second, SIGKILL) and removes the PID files.
stop_pids() {
    local f
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
}

# Kills whatever still runs in each namespace and deletes it; quiet about namespaces that are not there.
del_ns() {  # del_ns NETNS...
    local ns
    for ns in "$@"; do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
}

# The three namespaces of flexgate-interop.sh (the client, the gateway, a server behind it; the server routes
# the pool 192.168.10.0/24 back through the gateway):
#   $NS_CLI  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  $NS_GW
#                                          gw-in 10.0.1.254/24 ---veth--- srv0 10.0.1.10/24  $NS_SRV
net3_up() {
    local ns
    for ns in "$NS_CLI" "$NS_GW" "$NS_SRV"; do
        ip netns add "$ns"
        nsx "$ns" ip link set lo up
    done
    ip link add cli0 netns "$NS_CLI" type veth peer name gw-out netns "$NS_GW"
    ip link add gw-in netns "$NS_GW" type veth peer name srv0 netns "$NS_SRV"
    nsx "$NS_CLI" ip addr add 198.18.0.2/24 dev cli0
    nsx "$NS_CLI" ip link set cli0 up
    nsx "$NS_GW" ip addr add 198.18.0.1/24 dev gw-out
    nsx "$NS_GW" ip addr add 10.0.1.254/24 dev gw-in
    nsx "$NS_GW" ip link set gw-out up
    nsx "$NS_GW" ip link set gw-in up
    nsx "$NS_SRV" ip addr add 10.0.1.10/24 dev srv0
    nsx "$NS_SRV" ip link set srv0 up
    nsx "$NS_SRV" ip route add 192.168.10.0/24 via 10.0.1.254
    nsx "$NS_GW" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
}

# The two namespaces of flexgate-client-interop.sh and client-vs-strongswan.sh: the client, with each ADDR on
# cli0, and the gateway, whose $INSIDE/32 on lo stands for the network behind it:
#   $NS_CLI  cli0 ADDR.../24 ---veth--- gw-out $GW/24  $NS_GW  ($INSIDE/32 on lo)
net2_up() {  # net2_up ADDR...
    local ns a
    for ns in "$NS_CLI" "$NS_GW"; do
        ip netns add "$ns"
        nsx "$ns" ip link set lo up
    done
    ip link add cli0 netns "$NS_CLI" type veth peer name gw-out netns "$NS_GW"
    for a in "$@"; do nsx "$NS_CLI" ip addr add "$a/24" dev cli0; done
    nsx "$NS_CLI" ip link set cli0 up
    nsx "$NS_GW" ip addr add "$GW/24" dev gw-out
    nsx "$NS_GW" ip link set gw-out up
    nsx "$NS_GW" ip addr add "$INSIDE/32" dev lo
    nsx "$NS_CLI" ping -c1 -W2 "$GW" > /dev/null || die "veth client -> gateway"
}

# Runs Karaf console commands in the distribution in $RUN/karaf through bin/client, inside $NS_GW, as admin with
# $CONSOLE_PASSWORD (three tries a second apart while the console comes up). Prints what the commands print.
console() {  # console COMMAND...
    local jh; jh=$(java17)
    printf '%s\n' "$*" | nsx "$NS_GW" env JAVA_HOME="$jh" "$RUN/karaf/bin/client" -a 8101 -u admin -p "$CONSOLE_PASSWORD" -b -r 3 -d 1
}

# Waits up to 15 s for a charon whose directory DIR holds strongswan.conf, swanctl/ and run/ (bind-mounted as its
# /run) to answer on DIR/run/charon.vici; dies with the end of DIR/charon.stdout otherwise. A charon that finds a
# live process named in its charon.pid exits at once ("already running"), which this reports instead of hanging.
charon_wait() {  # charon_wait DIR
    local d=$1
    for _ in $(seq 1 300); do
        [ -S "$d/run/charon.vici" ] && STRONGSWAN_CONF="$d/strongswan.conf" SWANCTL_DIR="$d/swanctl" \
            swanctl --stats --uri "unix://$d/run/charon.vici" > /dev/null 2>&1 && return 0
        sleep 0.05
    done
    tail -n 20 "$d/charon.stdout" 2>/dev/null
    die "charon in $d: no answer on charon.vici within 15 s"
}

# Sets every io.flexgate logger to TRACE, messages untruncated, in the distribution's etc/ ETC (for the scripts
# that search the logs for secrets afterwards).
trace_overlay() {  # trace_overlay ETC
    local cfg=$1/org.ops4j.pax.logging.cfg
    sed -i 's/%\.-500m/%m/' "$cfg"
    printf '\nlog4j2.logger.flexgate.name = io.flexgate\nlog4j2.logger.flexgate.level = TRACE\n' >> "$cfg"
}

# Counts (in found) and names a secret that appears in any file under DIR, case-insensitively.
secret_check() {  # secret_check DIR LABEL STRING
    if grep -rqiF -- "$3" "$1"; then
        log "LEAK: $2 appears in $(grep -rliF -- "$3" "$1" | tr '\n' ' ')"
        found=$((found + 1))
    fi
}
