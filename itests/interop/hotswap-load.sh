#!/usr/bin/env bash
#
# Hot swap under load (issue 13): FlexGate holds FG_HELD sessions of the FlexGate load generator (EAP-MSCHAPv2,
# users hs0, hs1, ...: one user each, so INITIAL_CONTACT replaces nothing) and one strongSwan client; while a
# second load generator brings new sessions at a moderate rate (users ar0, ar1, ...), the EAP-MSCHAPv2 bundle
# and then the pool bundle are replaced with bundle:update (no refresh). Checks:
#   - no established session dropped: no 'Session down' in karaf.log from the first swap to the check, the
#     session count is the one before plus the arrivals that came up, the strongSwan client still pings;
#   - every arriving session came up or failed with a reason the generator names, none unanswered;
#   - no pool address assigned twice: the addresses crypto:ikev2-sa --detailed shows are distinct, one per
#     session, every one among ip:local-pool ACP00L's leases, and its in-use count equals the sessions.
# Prints the figures (held, arriving, up, failed by reason, time of each swap). Every session and wait is
# bounded; the EXIT trap stops both generators and takes the namespaces down.
#
# Usage:  hotswap-load.sh      (root; strongSwan and ssh installed; distribution and bundles/client built)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-hotswap-load, fgl)
#         FG_HELD (100)  FG_HELD_RATE (20/s)
#         FG_ARRIVING (60)  FG_ARRIVING_RATE (2/s: 30 s of arrivals; the swaps start after 10 answers)
#         FG_SWAP ("io.flexgate.eap.mschapv2 io.flexgate.pool": the bundles updated, in order)
set -euo pipefail
export FG_RUN=${FG_RUN:-/tmp/flexgate-hotswap-load}
export FG_NS=${FG_NS:-fgl}
# The load generator follows no CHILD_SA or IKE SA rekey of FlexGate's in this test: keep the shipped lifetimes.
export FG_LOCAL_REKEY=0
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/dos/common.sh"

HELD=${FG_HELD:-100}
HELD_RATE=${FG_HELD_RATE:-20}
ARRIVING=${FG_ARRIVING:-60}
ARRIVING_RATE=${FG_ARRIVING_RATE:-2}
SWAP=${FG_SWAP:-io.flexgate.eap.mschapv2 io.flexgate.pool}
# Arrivals answered before the first swap.
SWAP_AFTER=10
# Longest wait for the held sessions, for a swapped bundle's service, for the arrivals' last answer (an
# unanswered client gives up after 5 retransmissions, 62 s).
HELD_BOUND=120
SWAP_BOUND=30
ARRIVAL_BOUND=90
# Both generators' sessions stay up until this script ends (it stops them); this only bounds a runaway.
HOLD=600
# Pool ACP00L for the test: .5 stays the first address (the strongSwan client's), 246 addresses in all.
POOL_LAST=250
[ $((HELD + ARRIVING + 1)) -le $((POOL_LAST - 4)) ] || die "FG_HELD + FG_ARRIVING + 1 must fit 192.168.10.5-$POOL_LAST"
GW=198.18.0.1
SERVER_NAME=vpn.flexgate.test
PASSWORD=cisco123
KARAF_LOG=$FG_RUN/karaf/data/log/karaf.log

# The test's etc: a pool large enough, and one local user per generated session with the seed user's hashes
# (password cisco123).
overlay() {
    sed -i "s/^ranges = .*/ranges = 192.168.10.5 192.168.10.$POOL_LAST/" "$1/io.flexgate.pool-ACP00L.cfg"
    local hashes; hashes=$(grep -E '^(password|nt)\.hash = ' "$1/io.flexgate.aaa.user-test.cfg")
    [ "$(echo "$hashes" | wc -l)" = 2 ] || die "overlay: seed user test has not both password.hash and nt.hash"
    local i
    for i in $(seq 0 $((HELD - 1))); do printf 'name = hs%d\n%s\n' "$i" "$hashes" > "$1/io.flexgate.aaa.user-hs$i.cfg"; done
    for i in $(seq 0 $((ARRIVING - 1))); do printf 'name = ar%d\n%s\n' "$i" "$hashes" > "$1/io.flexgate.aaa.user-ar$i.cfg"; done
    # A console key (etc/keys.properties): an ssh call costs far less than starting bin/client's JVM each time.
    ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/console-key" || die "overlay: ssh-keygen"
    printf 'admin=%s,_g_:admingroup\n' "$(awk '{print $2}' "$WORK/console-key.pub")" >> "$1/keys.properties"
}

# One FlexGate load generator in the client namespace, in the background, PID in $WORK/NAME.pid.
generator() {  # generator NAME USER_PATTERN SESSIONS RATE HOLD
    local jh; jh=$(ls -d /usr/lib/jvm/java-17-openjdk* | head -n 1)
    local jar; jar=$(ls "$TOP"/bundles/client/target/client-*.jar 2>/dev/null | grep -v sources | head -n 1)
    [ -n "$jar" ] || die "bundles/client is not built (mvn -B install -DskipTests -pl bundles/client -am)"
    printf '%s\n' "$PASSWORD" | ip netns exec "$FG_NS-cli" sh -c 'echo $$ > "$0"; exec "$@"' "$WORK/$1.pid" \
        "$jh/bin/java" -Xmx192m -cp "$jar:$TOP/bundles/client/target/lib/*" io.flexgate.client.Main load $GW \
        --ca "$FG_RUN/karaf/data/flexgate/pki/ca.crt" --server-name $SERVER_NAME --method mschapv2 --no-tun \
        --user "$2" --sessions "$3" --rate "$4" --hold "$5" > "$FG_RUN/load-$1.txt" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$WORK/$1.pid" ] && return 0; sleep 0.02; done
    die "load generator $1 did not start"
}

# The generator's last progress line as "started up failed".
progress() {
    grep -oE '^started [0-9]+, up [0-9]+, failed [0-9]+' "$FG_RUN/load-$1.txt" 2>/dev/null | tail -n 1 \
        | awk '{gsub(",", ""); print $2, $4, $6}'
}

stop_generators() {
    local f
    for f in "$WORK"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
}

# A console command over ssh with the test's key; bin/client (flexgate-interop.sh console) when ssh is missing.
console() {
    if command -v ssh > /dev/null; then
        ip netns exec "$FG_NS-gw" ssh -q -p 8101 -i "$WORK/console-key" -o BatchMode=yes -o StrictHostKeyChecking=no \
            -o UserKnownHostsFile=/dev/null -o ConnectTimeout=20 admin@127.0.0.1 "$*" < /dev/null 2>> "$FG_RUN/ssh.err"
    else
        bash "$INTEROP" console "$@"
    fi
}
sessions_ready() { console 'crypto:ikev2-sa' | grep -c 'READY' || true; }
session_downs() { grep -c 'Session down' "$KARAF_LOG" || true; }
elapsed() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }

# Updates a bundle in place (bundle:update, no refresh) and waits until the service it provides is back; the
# update and the first look are one console call (each call starts a JVM). SWAP_TOOK: the seconds it took.
swap() {  # swap SYMBOLIC_NAME
    local look pattern
    case "$1" in
        io.flexgate.eap.mschapv2) look='flexgate:status --no-format' pattern='^EAP method\s+mschapv2\s' ;;
        io.flexgate.pool) look='ip:local-pool --no-format' pattern="^ACP00L\s.*192\.168\.10\.$POOL_LAST\s" ;;
        *) look='bundle:list -s --no-format' pattern="Active.*\s$1\s*$" ;;
    esac
    local start; start=$(date +%s.%N)
    console "bundle:update $1; $look" > "$FG_RUN/swap-$1.txt" 2>&1 \
        || { cat "$FG_RUN/swap-$1.txt"; die "bundle:update $1"; }
    local deadline=$((SECONDS + SWAP_BOUND))
    until grep -qE "$pattern" "$FG_RUN/swap-$1.txt"; do
        [ $SECONDS -lt $deadline ] || { cat "$FG_RUN/swap-$1.txt"; die "$1: its service was not back ${SWAP_BOUND} s after bundle:update"; }
        sleep 0.2
        console "$look" > "$FG_RUN/swap-$1.txt" 2>&1 || true
    done
    SWAP_TOOK=$(elapsed "$start")
}

cleanup() { stop_generators; finish; }
trap cleanup EXIT
overlay_dist
bash "$INTEROP" up
bash "$INTEROP" connect mschapv2
log "strongSwan client connected"

held_start=$(date +%s.%N)
generator held 'hs%d' "$HELD" "$HELD_RATE" "$HOLD"
deadline=$((SECONDS + HELD_BOUND))
while :; do
    read -r started up failed < <(progress held) || true
    [ "${failed:-0}" = 0 ] || { cat "$FG_RUN/load-held.txt"; die "held sessions failed before any swap"; }
    [ "${up:-0}" = "$HELD" ] && break
    [ $SECONDS -lt $deadline ] || die "only ${up:-0} of $HELD held sessions up after ${HELD_BOUND} s"
    sleep 0.5
done
log "$HELD held sessions up in $(elapsed "$held_start") s"
BEFORE=$(sessions_ready)
DOWNS_BEFORE=$(session_downs)
[ "$BEFORE" = $((HELD + 1)) ] || die "$BEFORE sessions READY before the swaps, expected $((HELD + 1))"
log "before the swaps: $BEFORE sessions READY (crypto:ikev2-sa)"

generator arriving 'ar%d' "$ARRIVING" "$ARRIVING_RATE" "$HOLD"
arrivals_start=$(date +%s.%N)
# Swap once the arrivals are flowing: a few have an answer.
deadline=$((SECONDS + 30))
until read -r started up failed < <(progress arriving) && [ $((up + failed)) -ge $SWAP_AFTER ]; do
    [ $SECONDS -lt $deadline ] || die "fewer than $SWAP_AFTER arriving sessions answered within 30 s"
    sleep 0.2
done
for b in $SWAP; do
    read -r started up failed < <(progress arriving) || true
    at=$(elapsed "$arrivals_start")
    swap "$b"
    log "bundle:update $b at ${at} s into the arrivals (started $started, up $up, failed $failed): service back in $SWAP_TOOK s"
done
read -r started up failed < <(progress arriving) || true
LATE=$((ARRIVING - started))
[ "$LATE" -gt 0 ] || die "every arriving session had started before the last swap ended: raise FG_ARRIVING"
log "$LATE arriving sessions start after the last swap"

deadline=$((SECONDS + ARRIVAL_BOUND))
while :; do
    read -r started up failed < <(progress arriving) || true
    [ "${started:-0}" = "$ARRIVING" ] && [ $((up + failed)) = "$ARRIVING" ] && break
    [ $SECONDS -lt $deadline ] || die "arriving sessions unanswered after ${ARRIVAL_BOUND} s: started $started, up $up, failed $failed"
    sleep 0.5
done
ARRIVED_UP=$up
ARRIVED_FAILED=$failed
log "arrivals answered in $(elapsed "$arrivals_start") s: $ARRIVING started, $ARRIVED_UP up, $ARRIVED_FAILED failed"

# One console call for a consistent picture: the sessions with their addresses, then the pool.
console 'crypto:ikev2-sa --detailed; echo SECTION_POOL; ip:local-pool --no-format ACP00L' > "$FG_RUN/after.txt" 2>&1
AFTER=$(sed -n '1,/^SECTION_POOL/p' "$FG_RUN/after.txt" | grep -c READY || true)
{ sed -n '1,/^SECTION_POOL/p' "$FG_RUN/after.txt" | grep -oE 'Assigned host addr: [0-9.]+' || true; } \
    | awk '{print $4}' | sort > "$FG_RUN/assigned.txt"
ASSIGNED=$(wc -l < "$FG_RUN/assigned.txt")
UNIQUE=$(sort -u "$FG_RUN/assigned.txt" | wc -l)
IN_USE=$(sed -n '/^SECTION_POOL/,$p' "$FG_RUN/after.txt" | awk '$1 == "ACP00L" && !seen {print $NF; seen = 1}')
# Sessions that hold an address the pool does not list as theirs (the pool forgot or reassigned it).
sed -n '/^Inuse addresses:/,$p' "$FG_RUN/after.txt" | awk 'NR > 1 {print $1}' | sort > "$FG_RUN/pool-leases.txt"
UNKNOWN=$(comm -23 <(sort -u "$FG_RUN/assigned.txt") "$FG_RUN/pool-leases.txt" | wc -l)
DOWNS=$(($(session_downs) - DOWNS_BEFORE))
log "after the swaps: $AFTER sessions READY, $ASSIGNED assigned addresses ($UNIQUE distinct), ACP00L in use ${IN_USE:-?} ($UNKNOWN session addresses not among its leases), $DOWNS 'Session down' since the first swap"
# Across the whole run (no session ended), every 'Session up' must have got an address nobody else had.
UPS=$(grep -oE 'Session up: .* with 192\.168\.10\.[0-9]+' "$KARAF_LOG" | awk '{print $NF}' | sort)
log "karaf.log: $(echo "$UPS" | wc -l) 'Session up' lines, $(echo "$UPS" | sort -u | wc -l) distinct addresses; duplicates: $(echo "$UPS" | uniq -d | tr '\n' ' ')"
# The arriving generator's failures by reason: it logs one line per failed session ("Connection to ... failed:
# REASON"); a failure it counts without such a line (a local socket error) shows as the difference.
grep -oE 'Connection to [^ ]+ failed: .*' "$FG_RUN/load-arriving.txt" | sed -E 's/^Connection to [^ ]+ failed: //' \
    | sort | uniq -c | sed 's/^ */[arriving] failures: /' || true
LOGGED=$(grep -c 'Connection to [^ ]* failed: ' "$FG_RUN/load-arriving.txt" || true)
[ "$LOGGED" = "$ARRIVED_FAILED" ] || log "note: $((ARRIVED_FAILED - LOGGED)) failure(s) without a logged reason"
PINGS=yes
bash "$INTEROP" ping || PINGS=no

DUPLICATES=$(uniq -d "$FG_RUN/assigned.txt" | tr '\n' ' ')
[ "$PINGS" = yes ] || die "the strongSwan client no longer pings through its tunnel"
[ "$DOWNS" = 0 ] || { grep 'Session down' "$KARAF_LOG" | tail -n 5; die "$DOWNS session(s) went down during the swaps"; }
[ -z "$DUPLICATES" ] || die "pool addresses assigned twice: $DUPLICATES"
[ "$AFTER" = $((BEFORE + ARRIVED_UP)) ] || die "$AFTER sessions after the swaps, expected $BEFORE + $ARRIVED_UP"
[ "$ASSIGNED" = "$AFTER" ] || die "$ASSIGNED assigned addresses for $AFTER sessions"
[ "$UNKNOWN" = 0 ] || die "$UNKNOWN session address(es) missing from ip:local-pool's leases (the pool forgot them)"
[ "${IN_USE:-}" = "$AFTER" ] || die "ip:local-pool counts ${IN_USE:-?} addresses in use for $AFTER sessions"

# A session that got no answer at all is the hang issue 13 rules out.
NO_ANSWER=$(grep -c 'failed: no answer' "$FG_RUN/load-arriving.txt" || true)
[ "$NO_ANSWER" = 0 ] || die "$NO_ANSWER arriving session(s) got no answer from FlexGate"
log "hot swap under load done: held $HELD, arriving $ARRIVING ($ARRIVED_UP up, $ARRIVED_FAILED failed, $LATE after the swaps), none dropped"
