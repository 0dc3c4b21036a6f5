#!/usr/bin/env bash
#
# Graceful stop (issue 13): two strongSwan clients are connected (EAP-MSCHAPv2 and EAP-GTC) when the FlexGate
# JVM gets SIGTERM, as from systemd or `kill`. Karaf stops the OSGi framework, the IKEv2 engine deactivates,
# and before its sockets close it must send an INFORMATIONAL DELETE of the IKE SA to each peer and end each
# session through the session-end path (CHILD_SAs removed, lease released, listeners told: RADIUS accounting
# Stop). Checks strongSwan's log for the DELETE of both IKE SAs, FlexGate's one-line summary and the two
# "Session down ... (SHUTDOWN)" lines, and that the JVM exits. Prints how long the stop took.
#
# Usage:  graceful-stop.sh          (root; strongSwan installed; distribution built)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-security, fgs)
#         FG_STOP_BOUND (60 s: how long the JVM may take to exit after SIGTERM)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

STOP_BOUND=${FG_STOP_BOUND:-60}
overlay() { :; }

trap finish EXIT
overlay_dist
bash "$INTEROP" up
KARAF_LOG=$FG_RUN/karaf/data/log/karaf.log
CHARON_LOG=$FG_RUN/cli/charon.log
JAVA_PID=$(flexgate_java_pid)
[ -n "$JAVA_PID" ] || die "no FlexGate JVM in $FG_NS-gw"
bash "$INTEROP" connect mschapv2
bash "$INTEROP" connect gtc

start=$(date +%s.%N)
kill -TERM "$JAVA_PID"
deadline=$((SECONDS + STOP_BOUND))
while kill -0 "$JAVA_PID" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || die "the FlexGate JVM still runs ${STOP_BOUND} s after SIGTERM"
    sleep 0.2
done
STOP_SECONDS=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}')
log "FlexGate JVM exited ${STOP_SECONDS} s after SIGTERM"

summary=$(grep -m1 'IKEv2 engine stopping:' "$KARAF_LOG") || die "FlexGate logged no graceful stop summary"
log "FlexGate: ${summary#*- }"
grep -q 'DELETE sent to 2 peer(s), 2 session(s) ended' <<< "$summary" || die "expected 2 DELETEs and 2 sessions ended"
[ "$(grep -c "Session down: user 'test' .*(SHUTDOWN)" "$KARAF_LOG")" -eq 2 ] \
    || die "expected two 'Session down ... (SHUTDOWN)' lines (the session-end path)"
# strongSwan: "received DELETE for IKE_SA mschapv2[1]" for each connection (charon's ike log level 1 and up).
for c in mschapv2 gtc; do
    deadline=$((SECONDS + 10))
    until grep -qE "received DELETE for IKE_SA $c\[[0-9]+\]" "$CHARON_LOG"; do
        [ $SECONDS -lt $deadline ] || die "strongSwan logged no DELETE for the $c IKE SA"
        sleep 0.2
    done
    log "strongSwan: $(grep -m1 -oE "received DELETE for IKE_SA $c\[[0-9]+\]" "$CHARON_LOG")"
done
log "graceful stop done"
