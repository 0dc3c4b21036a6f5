#!/usr/bin/env bash
# A private FreeRADIUS 3 for FlexGate's RADIUS interop runs, built from the same raddb pieces the
# aaa-radius tests use (bundles/aaa-radius/src/test/resources/freeradius): users bob/carol/dave, the
# group "eng", Message-Authenticator on every Access response (CVE-2024-3596 mitigation for 3.2.1),
# accounting into a detail file. Root only (Debian's raddb is readable by root and freerad).
#
# Usage:  freeradius.sh up       copy the raddb, start FreeRADIUS, check PAP with radtest
#         freeradius.sh check    radtest PAP accept + reject, one Accounting-Request, show the detail file
#         freeradius.sh down     stop the FreeRADIUS this script started (by its PID file)
# Env:    FG_RADIUS_RUN=/tmp/fg-radius      runtime dir (raddb, logs, detail files, pid)
#         FG_RADIUS_NS=                     network namespace to run in (empty: the current one)
#         FG_RADIUS_AUTH=18120 FG_RADIUS_ACCT=18130   ports on 127.0.0.1
#         FG_RADIUS_SECRET=flexgate-test-secret
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PIECES=$(cd "$HERE/../../../bundles/aaa-radius/src/test/resources/freeradius" && pwd)
RUN=${FG_RADIUS_RUN:-/tmp/fg-radius}
NS=${FG_RADIUS_NS:-}
AUTH=${FG_RADIUS_AUTH:-18120}
ACCT=${FG_RADIUS_ACCT:-18130}
SECRET=${FG_RADIUS_SECRET:-flexgate-test-secret}

nsx() { if [ -n "$NS" ]; then ip netns exec "$NS" "$@"; else "$@"; fi; }
die() { echo "FAIL: $*" >&2; exit 1; }
fill() { sed -e "s/@AUTH_PORT@/$AUTH/g" -e "s/@ACCT_PORT@/$ACCT/g" -e "s/@SECRET@/$SECRET/g" "$1" > "$2"; }

up() {
  [ "$(id -u)" = 0 ] || die "run as root"
  command -v freeradius >/dev/null || die "apt-get install -y freeradius freeradius-utils"
  [ -s "$RUN/freeradius.pid" ] && kill -0 "$(cat "$RUN/freeradius.pid")" 2>/dev/null && die "already up ($0 down)"
  rm -rf "$RUN"; mkdir -p "$RUN/log"
  cp -a /etc/freeradius/3.0 "$RUN/raddb"
  local r=$RUN/raddb
  rm -f "$r/sites-enabled/default" "$r/sites-enabled/inner-tunnel" "$r/mods-enabled/eap" "$r/mods-config/files/authorize"
  fill "$PIECES/site" "$r/sites-enabled/flexgate"
  fill "$PIECES/eap" "$r/mods-enabled/eap"
  fill "$PIECES/clients.conf" "$r/clients.conf"
  fill "$PIECES/authorize" "$r/mods-config/files/authorize"
  sed -i -e "s|^logdir = .*|logdir = $RUN/log|" -e '/^\s*user = freerad/d' -e '/^\s*group = freerad/d' \
         -e 's/^\(\s*reject_delay = \).*/\10/' "$r/radiusd.conf"
  nsx sh -c 'echo $$ > "$0"; exec freeradius -f -xx -d "$1" -l "$2"' "$RUN/freeradius.pid" "$r" "$RUN/log/radius.log" \
    < /dev/null > "$RUN/freeradius.stdout" 2>&1 &
  for _ in $(seq 1 200); do grep -qs "Ready to process requests" "$RUN/log/radius.log" && break; sleep 0.05; done
  grep -qs "Ready to process requests" "$RUN/log/radius.log" || die "FreeRADIUS did not start (see $RUN/log/radius.log)"
  echo "FreeRADIUS up (pid $(cat "$RUN/freeradius.pid")): auth 127.0.0.1:$AUTH acct 127.0.0.1:$ACCT secret $SECRET"
}

check() {
  local out
  out=$(nsx radtest -t pap bob bob-pass "127.0.0.1:$AUTH" 0 "$SECRET" 2>&1 || true)
  grep -q "Received Access-Accept" <<<"$out" || die "PAP accept: $out"
  out=$(nsx radtest -t pap bob wrong "127.0.0.1:$AUTH" 0 "$SECRET" 2>&1 || true)   # radtest exits 1 on a reject
  grep -q "Received Access-Reject" <<<"$out" || die "PAP reject: $out"
  echo 'User-Name=bob,Acct-Status-Type=Start,Acct-Session-Id=freeradius-sh' \
    | nsx radclient "127.0.0.1:$ACCT" acct "$SECRET" | grep -q "Accounting-Response" || die "accounting"
  echo "PAP accept/reject and accounting OK; detail files:"
  find "$RUN/log/radacct" -type f
}

down() {
  [ -s "$RUN/freeradius.pid" ] || { echo "not up"; return 0; }
  kill "$(cat "$RUN/freeradius.pid")" 2>/dev/null || true
  rm -f "$RUN/freeradius.pid"
  echo "FreeRADIUS stopped"
}

case "${1:-}" in
  up) up ;;
  check) check ;;
  down) down ;;
  *) echo "usage: $0 up|check|down" >&2; exit 2 ;;
esac
