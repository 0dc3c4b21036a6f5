#!/usr/bin/env bash
#
# A crash loses no configuration and no user (issue 13). Each round changes the configuration through the
# console and kills the FlexGate JVM with SIGKILL at a random moment: before, during or after the change.
# Each round's import (flexgate:import-ios) does three things:
#   - widens pool ACP00L, whose etc/ file ships with the distribution;
#   - adds pool CRASHn, a new object that has no file until FlexGate writes one;
#   - adds local user crashn;
#   - widens pools P1..Pk (FG_CRASH_POOLS, default 30), which get etc/ files before the first start, so that
#     one import changes many file-backed objects at once.
# The round also adds user addn with aaa:user-add. After each kill the distribution starts again, and the
# script checks four things:
#   - every change the console acknowledged (the command returned its report) is there, in the running
#     configuration and in the files;
#   - a change that was cut off is there whole or not at all;
#   - no etc/io.flexgate.*.cfg file is empty or torn, and no temporary file is left where fileinstall reads;
#   - the user database holds every acknowledged user.
# Last, ConfigAdmin's own store (data/cache) is removed, as a clean start of Karaf does, and after one more
# start every acknowledged object must still be there: its etc/ file holds it.
#
# Usage:  crash-config.sh            (root: a network namespace; distribution built)
# Env:    FG_RUN (default /tmp/flexgate-crash), FG_NS (default fgcr), FG_DIST (default: the built archive),
#         FG_CRASH_ROUNDS (default 8), FG_CRASH_SEED (default: the clock; printed, so a run can be repeated)
#         FG_CRASH_POOLS (default 30)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$HERE/../lib.sh"

RUN=${FG_RUN:-/tmp/flexgate-crash}
NS_GW=${FG_NS:-fgcr}-gw
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
ROUNDS=${FG_CRASH_ROUNDS:-8}
POOLS=${FG_CRASH_POOLS:-30}
SEED=${FG_CRASH_SEED:-$(date +%s)}
CONSOLE_PASSWORD=crash-console
BOOT_TIMEOUT=${FG_BOOT_TIMEOUT:-120}
RANDOM=$SEED

[ "$(id -u)" -eq 0 ] || die "needs root (network namespace)"
[ -f "$DIST" ] || die "no distribution archive (mvn -B install -DskipTests -pl features,karaf-assembly)"
[ -e "/run/netns/$NS_GW" ] && die "namespace $NS_GW exists (another run, or a leftover: ip netns del $NS_GW)"

finish() {
    stop_pids
    del_ns "$NS_GW"
}
trap finish EXIT

rm -rf "$RUN"; mkdir -p "$RUN/pids" "$RUN/karaf"
ip netns add "$NS_GW"
nsx "$NS_GW" ip link set lo up
tar -xzf "$DIST" -C "$RUN/karaf" --strip-components=1
ETC=$RUN/karaf/etc
printf 'admin = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
    "$CONSOLE_PASSWORD" > "$ETC/users.properties"
for k in $(seq 1 "$POOLS"); do
    printf '# test pool %d (crash-config.sh)\npool.name = P%d\nranges = 10.98.%d.1 10.98.%d.10\n' "$k" "$k" "$k" "$k" \
        > "$ETC/io.flexgate.pool-P$k.cfg"
done
log "seed $SEED, $ROUNDS rounds, $POOLS file-backed pools, distribution $(basename "$DIST")"

JAVA_HOME_17=$(java17)
boot() {
    bg_ns flexgate "$NS_GW" "$RUN/flexgate.stdout" env JAVA_HOME="$JAVA_HOME_17" FLEXGATE_HEAP=256m \
        "$RUN/karaf/bin/karaf" server
    local deadline=$((SECONDS + BOOT_TIMEOUT))
    # ip:local-pool answers once the pools are read: the configuration has been loaded.
    until console 'ip:local-pool' 2>/dev/null | grep -q ACP00L; do
        [ $SECONDS -lt $deadline ] || die "FlexGate did not come up within ${BOOT_TIMEOUT}s (see $RUN/karaf/data/log/karaf.log)"
        sleep 1
    done
}

java_pid() {
    local p
    for p in $(ip netns pids "$NS_GW"); do
        [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && grep -q 'org.apache.karaf.main.Main' "/proc/$p/cmdline" \
            && { echo "$p"; return; }
    done
}

crash() {
    local pid; pid=$(java_pid)
    [ -n "$pid" ] || die "no FlexGate JVM to kill"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    rm -f "$RUN/pids/flexgate.pid"
}

# The state the running configuration shows: pool name with its ranges, and the local users.
snapshot() {
    console 'ip:local-pool' > "$RUN/pools.txt" 2>&1 || true
    console 'aaa:user-list' > "$RUN/users.txt" 2>&1 || true
}

# Round N's import: the shipped pool widened to .10+N, a new pool CRASHN, and user crashN.
import_text() {  # import_text N
    local n=$1
    printf 'ip local pool ACP00L 192.168.10.5 192.168.10.%d\n' $((10 + n))
    printf 'ip local pool CRASH%d 10.99.%d.1 10.99.%d.20\n' "$n" "$n" "$n"
    printf 'username crash%d password 0 Crash-%d-pw\n' "$n" "$n"
    local k
    for k in $(seq 1 "$POOLS"); do
        printf 'ip local pool P%d 10.98.%d.1 10.98.%d.%d\n' "$k" "$k" "$k" $((10 + n))
    done
}

acked=0                # the last round whose import the console acknowledged
declare -a ACKED=()     # every round whose import was acknowledged
declare -a ADDED=()     # every round whose aaa:user-add was acknowledged
declare -a PARTIAL=()   # rounds whose import was cut off: each change there whole or not at all

boot
log "booted; pools: $(console 'ip:local-pool' | grep -c -E 'ACP00L|CRASH') line(s)"
for n in $(seq 1 "$ROUNDS"); do
    import_text "$n" > "$RUN/karaf/crash-$n.ios"
    if [ $((n % 3)) -eq 0 ]; then
        # Every third round the kill follows the import's acknowledgement at once: what the command
        # acknowledged must already be on disk, whatever is still being written behind it.
        delay=ack
        ( console "flexgate:import-ios crash-$n.ios" 2>&1 | while IFS= read -r line; do
              printf '%s\n' "$line" >> "$RUN/import-$n.txt"
              case $line in *'change(s) applied'*) crash ;; esac
          done ) &
        writer=$!
        wait "$writer" 2>/dev/null || true
        [ -z "$(java_pid)" ] || crash
    else
        # The kill lands somewhere in 0-7 s: before the console has connected, during the import or the user
        # add, or after both returned (each console call takes about a second to connect).
        delay=$(awk -v r=$RANDOM 'BEGIN{printf "%.2f s", r % 700 / 100}')
        # bin/client can exit 0 when the JVM dies under it, so only a command's own output acknowledges it.
        ( console "flexgate:import-ios crash-$n.ios" > "$RUN/import-$n.txt" 2>&1
          grep -q 'change(s) applied' "$RUN/import-$n.txt" \
            && console "aaa:user-add --password Add-$n-pw add$n" > "$RUN/add-$n.txt" 2>&1 ) &
        writer=$!
        sleep "${delay% s}"
        crash
        wait "$writer" 2>/dev/null || true
    fi
    state="cut off"
    if grep -q 'change(s) applied' "$RUN/import-$n.txt"; then
        acked=$n; ACKED+=("$n"); state="acknowledged (import)"
        if grep -qw "add$n" "$RUN/add-$n.txt" 2>/dev/null; then
            ADDED+=("$n"); state="acknowledged (import and user-add)"
        fi
    else
        PARTIAL+=("$n")
    fi
    log "round $n: SIGKILL after ${delay}, the round's changes were $state"

    # Files as the crash left them: none empty, none torn, no temporary file where fileinstall picks up *.cfg.
    torn=$(python3 "$HERE/cfg-whole.py" "$ETC"/io.flexgate.*.cfg) || die "round $n: $torn"
    ! ls "$ETC" | grep -qE '\.tmp$|\.partial$' || die "round $n: a temporary file was left in etc/: $(ls "$ETC" | grep -E '\.tmp$|\.partial$')"

    boot
    snapshot
    for a in "${ACKED[@]}"; do
        grep -qE "CRASH$a\b" "$RUN/pools.txt" || die "round $n: pool CRASH$a (acknowledged in round $a) is gone: $(cat "$RUN/pools.txt")"
        grep -q "10.99.$a.1 10.99.$a.20" "$ETC/io.flexgate.pool-CRASH$a.cfg" 2>/dev/null \
            || die "round $n: pool CRASH$a (acknowledged in round $a) has no etc/ file that holds it"
        grep -qw "crash$a" "$RUN/users.txt" || die "round $n: user crash$a (acknowledged in round $a) is gone"
    done
    for a in "${ADDED[@]}"; do
        grep -qw "add$a" "$RUN/users.txt" || die "round $n: user add$a (acknowledged in round $a) is gone"
    done
    # ACP00L: at least as wide as the last acknowledged round made it, and never something no round wrote.
    last=$(grep -E '^\s*ACP00L' "$RUN/pools.txt" | grep -oE '192\.168\.10\.[0-9]+' | tail -n 1 || true)
    [ -n "$last" ] || die "round $n: pool ACP00L is gone: $(cat "$RUN/pools.txt")"
    top=${last##*.}
    [ "$top" -ge $((10 + acked)) ] && [ "$top" -le $((10 + n)) ] \
        || die "round $n: ACP00L ends at $last; the last acknowledged round ($acked) made it 192.168.10.$((10 + acked))"
    for k in $(seq 1 "$POOLS"); do
        end=$(grep -E "^\s*P$k\b" "$RUN/pools.txt" | grep -oE "10\.98\.$k\.[0-9]+" | tail -n 1 || true)
        [ -n "$end" ] || die "round $n: pool P$k is gone"
        [ "${end##*.}" -ge $((10 + acked)) ] \
            || die "round $n: pool P$k ends at $end; the last acknowledged round ($acked) made it 10.98.$k.$((10 + acked))"
    done
    grep -qE "192\.168\.10\.5 192\.168\.10\.$top\b" "$ETC/io.flexgate.pool-ACP00L.cfg" \
        || die "round $n: etc/io.flexgate.pool-ACP00L.cfg does not say what the running pool does (.$top): $(grep -A2 ranges "$ETC/io.flexgate.pool-ACP00L.cfg")"
    # A cut-off round: its pool is whole (both ends) when it is there at all.
    for p in "${PARTIAL[@]}"; do
        if grep -qE "CRASH$p\b" "$RUN/pools.txt"; then
            grep -E "CRASH$p\b" "$RUN/pools.txt" | grep -q "10.99.$p.1 .*10.99.$p.20\|10.99.$p.1-10.99.$p.20" \
                || die "round $n: pool CRASH$p (cut off in round $p) is not whole: $(grep -E "CRASH$p\b" "$RUN/pools.txt")"
        fi
    done
    log "round $n: after the restart, every acknowledged change is there (ACP00L to .$top, ${#ACKED[@]} round(s) acknowledged)"
done
crash
rm -rf "$RUN/karaf/data/cache"
boot
snapshot
for a in "${ACKED[@]}"; do
    grep -qE "CRASH$a\b" "$RUN/pools.txt" || die "after data/cache was removed: pool CRASH$a (acknowledged in round $a) is gone"
done
log "after data/cache was removed: all ${#ACKED[@]} acknowledged CRASH pools are there"
log "crash-config: $ROUNDS SIGKILLs; ${#ACKED[@]} acknowledged import(s) and ${#ADDED[@]} user-add(s), all kept, ${#PARTIAL[@]} cut-off round(s) whole or absent"
