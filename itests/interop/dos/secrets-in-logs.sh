#!/usr/bin/env bash
#
# No secret in FlexGate's logs (issue 13): every io.flexgate logger at TRACE (test overlay of
# etc/org.ops4j.pax.logging.cfg, messages not truncated), a strongSwan client that logs its IKE keys (ike = 4),
# sessions with EAP-MSCHAPv2 and EAP-GTC, and console commands that carry a password. Then every file in
# data/log is searched for: the user's password, the console password, the password given to aaa:test, the
# stored NT hash and password hash of user test, and the hex of every key strongSwan logged (SKEYSEED, SK_d,
# SK_ai/ar, SK_ei/er, SK_pi/pr, the DH shared secret, the MSK). None may appear.
#
# Usage:  secrets-in-logs.sh        (root; strongSwan installed; distribution built)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-security, fgs)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

# etc/io.flexgate.aaa.user-test.cfg (seed step 1: username test password cisco123) and the interop script.
USER_PASSWORD=cisco123
CONSOLE_PASSWORD=interop-console
PROBE_PASSWORD=Probe-Secret-4711

overlay() {
    local cfg=$1/org.ops4j.pax.logging.cfg
    sed -i 's/%\.-500m/%m/' "$cfg"
    printf '\nlog4j2.logger.flexgate.name = io.flexgate\nlog4j2.logger.flexgate.level = TRACE\n' >> "$cfg"
}

trap finish EXIT
overlay_dist
bash "$INTEROP" up
LOGS=$FG_RUN/karaf/data/log
CLI=$FG_RUN/cli
sed -i 's/^\( *\)ike = 2$/\1ike = 4/' "$CLI/strongswan.conf"
STRONGSWAN_CONF=$CLI/strongswan.conf SWANCTL_DIR=$CLI/swanctl swanctl --reload-settings \
    --uri "unix://$CLI/run/charon.vici" > /dev/null
bash "$INTEROP" connect mschapv2
bash "$INTEROP" connect gtc
bash "$INTEROP" console "aaa:test --password $PROBE_PASSWORD a-eap-authen-local test" > "$FG_RUN/aaa-test.txt" 2>&1 || true
bash "$INTEROP" console 'crypto:ikev2-sa' > /dev/null 2>&1 || true

# Without the overlay io.flexgate logs at INFO; its DEBUG and TRACE lines prove the overlay took.
TRACE_LINES=$(cat "$LOGS"/*.log | grep -c '| TRACE |' || true)
VERBOSE_LINES=$(cat "$LOGS"/*.log | grep -E '\| (DEBUG|TRACE) \|' | grep -c ' io\.flexgate\.' || true)
[ "$VERBOSE_LINES" -gt 0 ] || die "no DEBUG or TRACE line of io.flexgate in $LOGS: the overlay did not take"
NT_HASH=$(awk -F' = ' '/^nt.hash/ {print $2}' "$FG_RUN/karaf/etc/io.flexgate.aaa.user-test.cfg")
PASSWORD_HASH=$(awk -F' = ' '/^password.hash/ {print $2}' "$FG_RUN/karaf/etc/io.flexgate.aaa.user-test.cfg")

# Keys strongSwan printed at ike = 4: a "NAME => N bytes @ ADDRESS" line, then hex dump lines "  0: 12 34 ...".
python3 - "$CLI/charon.log" > "$FG_RUN/keys.txt" <<'PY'
import re, sys
keys, name, hexdump = [], None, ""
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"\] (.*?) => (\d+) bytes @", line)
    if m:
        if name and len(hexdump) >= 32:
            keys.append((name, hexdump))
        label = m.group(1)
        name = label if re.fullmatch(r"Sk_\w+ secret|SKEYSEED|SK_p|shared Diffie Hellman secret|secret", label) else None
        hexdump = ""
        continue
    d = re.search(r"\]\s+\d+: ((?:[0-9A-F]{2} ){1,16})", line)
    if d and name:
        hexdump += d.group(1).replace(" ", "").lower()
    elif name:
        if len(hexdump) >= 32:
            keys.append((name, hexdump))
        name, hexdump = None, ""
if name and len(hexdump) >= 32:
    keys.append((name, hexdump))
for n, h in keys:
    print(n.replace(" ", "_"), h)
PY
KEYS=$(wc -l < "$FG_RUN/keys.txt")
[ "$KEYS" -gt 0 ] || die "strongSwan logged no key at ike = 4 (see $CLI/charon.log)"

found=0
check() {  # check LABEL STRING: the string must not appear in any log file (case-insensitive)
    if grep -rqiF -- "$2" "$LOGS"; then
        log "LEAK: $1 appears in $(grep -rliF -- "$2" "$LOGS" | tr '\n' ' ')"
        found=$((found + 1))
    fi
}
check "user password" "$USER_PASSWORD"
check "console password" "$CONSOLE_PASSWORD"
check "aaa:test password" "$PROBE_PASSWORD"
check "NT hash of user test" "$NT_HASH"
check "password hash of user test" "${PASSWORD_HASH##*\$}"
while read -r name hex; do
    check "strongSwan's $name" "${hex:0:32}"
done < "$FG_RUN/keys.txt"
log "searched $(ls "$LOGS" | wc -l) log files ($(cat "$LOGS"/*.log | wc -l) lines, $VERBOSE_LINES of io.flexgate at DEBUG or TRACE, $TRACE_LINES at TRACE) for 5 credentials and $KEYS keys ($(cut -d' ' -f1 "$FG_RUN/keys.txt" | sort -u | tr '\n' ' '))"
[ "$found" -eq 0 ] || die "$found secrets in the logs"
log "no secret in the logs"
