#!/usr/bin/env bash
#
# Hot deploy of an EAP method under a running FlexGate (issue 5): with the eap-gtc bundle uninstalled,
# a strongSwan client that only speaks EAP-GTC fails fast (EAP failure, one log line, nothing hangs); once
# the same jar is dropped into deploy/, the next session succeeds without a restart.
# Uses flexgate-interop.sh (same namespaces and layout) through its subcommands.
#
# Env: FG_NS (default fgh), FG_RUN (default /tmp/flexgate-hotswap), FG_DIST as for flexgate-interop.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export FG_NS=${FG_NS:-fgh}
export FG_RUN=${FG_RUN:-/tmp/flexgate-hotswap}
S=$HERE/flexgate-interop.sh
# A session that cannot authenticate must end well within this (strongSwan's own timeout is larger).
FAIL_FAST_SECONDS=10

log() { printf '[hotswap] %s\n' "$*"; }
die() { log "FAIL: $*"; exit 1; }
swanctl_() {
    STRONGSWAN_CONF=$FG_RUN/cli/strongswan.conf SWANCTL_DIR=$FG_RUN/cli/swanctl \
        swanctl "$@" --uri "unix://$FG_RUN/cli/run/charon.vici"
}
gtc_listed() { "$S" console 'flexgate:status --no-format' | grep -qE '^EAP method\s+gtc\s'; }

trap '"$S" down' EXIT
"$S" up

jar=$(ls "$FG_RUN"/karaf/system/io/flexgate/eap-gtc/*/eap-gtc-*.jar | head -n 1)
[ -f "$jar" ] || die "no eap-gtc jar in the distribution"
gtc_listed || die "EAP-GTC not listed before the swap"

"$S" console 'bundle:uninstall io.flexgate.eap.gtc' > /dev/null
for _ in $(seq 1 50); do gtc_listed || break; sleep 0.2; done
gtc_listed && die "EAP-GTC still listed after bundle:uninstall"
log "eap-gtc uninstalled: flexgate:status no longer lists it"

start=$SECONDS
if swanctl_ --initiate --ike gtc --child gtc-rw --timeout 30 > "$FG_RUN/initiate-without-gtc.txt" 2>&1; then
    die "a GTC-only client connected while EAP-GTC was not installed"
fi
took=$((SECONDS - start))
[ $took -le $FAIL_FAST_SECONDS ] || die "the failing session took ${took}s (more than ${FAIL_FAST_SECONDS}s)"
grep -q 'EAP_FAILURE\|EAP method EAP_GTC failed\|received EAP_FAILURE' "$FG_RUN/cli/charon.log" \
    || grep -q 'EAP' "$FG_RUN/initiate-without-gtc.txt" || die "client did not see an EAP failure"
grep -E "Authentication failed for user 'test'.*(gtc|GTC|6)" "$FG_RUN/karaf/data/log/karaf.log" | tail -n 1 \
    | sed 's/^/[hotswap] FlexGate: /' || die "no log line naming the refused method"
log "GTC-only session refused in ${took}s"

cp "$jar" "$FG_RUN/karaf/deploy/"
for _ in $(seq 1 150); do gtc_listed && break; sleep 0.2; done
gtc_listed || die "EAP-GTC not listed 30s after dropping its jar into deploy/"
log "eap-gtc dropped into deploy/: listed again"

"$S" connect gtc
log "GTC session up after the hot deploy, no restart"
