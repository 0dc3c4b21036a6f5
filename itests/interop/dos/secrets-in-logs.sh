#!/usr/bin/env bash
#
# No secret in FlexGate's logs (issue 13): every io.flexgate logger at TRACE (test overlay of
# etc/org.ops4j.pax.logging.cfg, messages not truncated), a strongSwan client that logs its IKE keys (ike = 4),
# sessions with EAP-MSCHAPv2 and EAP-GTC, and console commands that carry a password (aaa:test, and
# crypto:pki-import of a PKCS#12 file). Then every file in data/log is searched for: the user's password, the
# console password, the password given to aaa:test, the PKCS#12 file's password, the stored NT hash and
# password hash of user test, and the hex of every key strongSwan logged (SKEYSEED, SK_d, SK_ai/ar, SK_ei/er,
# SK_pi/pr, the DH shared secret, the MSK). None may appear. (radius-interop.sh does the same for the RADIUS
# secret.)
#
# Usage:  secrets-in-logs.sh        (root; strongSwan installed; distribution built)
# Env:    FG_RUN, FG_NS, FG_DIST as for flexgate-interop.sh (defaults /tmp/flexgate-security, fgs)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

# etc/io.flexgate.aaa.user-test.cfg (seed step 1: username test password cisco123) and the interop script.
USER_PASSWORD=cisco123
CONSOLE_PASSWORD=interop-console
PROBE_PASSWORD=Probe-Secret-4711
P12_PASSWORD=P12-Secret-0815

overlay() { trace_overlay "$1"; }

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
# A PKCS#12 trustpoint (the seed's crypto pki import ... pkcs12 ... password): a CA and a server key signed by it.
P12=$FG_RUN/secrets-tp.p12
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$FG_RUN/p12-ca.key" -out "$FG_RUN/p12-ca.crt" -days 2 \
    -subj '/CN=Secrets Test CA' > /dev/null 2>&1
openssl req -newkey rsa:2048 -nodes -keyout "$FG_RUN/p12.key" -out "$FG_RUN/p12.csr" -subj '/CN=vpn.flexgate.test' \
    > /dev/null 2>&1
openssl x509 -req -in "$FG_RUN/p12.csr" -CA "$FG_RUN/p12-ca.crt" -CAkey "$FG_RUN/p12-ca.key" -CAcreateserial \
    -days 2 -out "$FG_RUN/p12.crt" > /dev/null 2>&1
openssl pkcs12 -export -inkey "$FG_RUN/p12.key" -in "$FG_RUN/p12.crt" -certfile "$FG_RUN/p12-ca.crt" \
    -passout "pass:$P12_PASSWORD" -out "$P12"
bash "$INTEROP" console "crypto:pki-import --password $P12_PASSWORD SECRETS-TP $P12" > "$FG_RUN/pki-import.txt" 2>&1 || true
grep -q 'SECRETS-TP' "$FG_RUN/pki-import.txt" || die "crypto:pki-import did not import the PKCS#12 file: $(cat "$FG_RUN/pki-import.txt")"

# Without the overlay io.flexgate logs at INFO; its DEBUG and TRACE lines prove the overlay took.
TRACE_LINES=$(cat "$LOGS"/*.log | grep -c '| TRACE |' || true)
VERBOSE_LINES=$(cat "$LOGS"/*.log | grep -E '\| (DEBUG|TRACE) \|' | grep -c ' io\.flexgate\.' || true)
[ "$VERBOSE_LINES" -gt 0 ] || die "no DEBUG or TRACE line of io.flexgate in $LOGS: the overlay did not take"
NT_HASH=$(awk -F' = ' '/^nt.hash/ {print $2}' "$FG_RUN/karaf/etc/io.flexgate.aaa.user-test.cfg")
PASSWORD_HASH=$(awk -F' = ' '/^password.hash/ {print $2}' "$FG_RUN/karaf/etc/io.flexgate.aaa.user-test.cfg")

# Keys strongSwan printed at ike = 4.
python3 "$HERE/../charon-keys.py" "$CLI/charon.log" > "$FG_RUN/keys.txt"
KEYS=$(wc -l < "$FG_RUN/keys.txt")
[ "$KEYS" -gt 0 ] || die "strongSwan logged no key at ike = 4 (see $CLI/charon.log)"

found=0
check() { secret_check "$LOGS" "$@"; }
check "user password" "$USER_PASSWORD"
check "console password" "$CONSOLE_PASSWORD"
check "aaa:test password" "$PROBE_PASSWORD"
check "PKCS#12 password" "$P12_PASSWORD"
check "NT hash of user test" "$NT_HASH"
check "password hash of user test" "${PASSWORD_HASH##*\$}"
while read -r name hex; do
    check "strongSwan's $name" "${hex:0:32}"
done < "$FG_RUN/keys.txt"
log "searched $(ls "$LOGS" | wc -l) log files ($(cat "$LOGS"/*.log | wc -l) lines, $VERBOSE_LINES of io.flexgate at DEBUG or TRACE, $TRACE_LINES at TRACE) for 6 credentials and $KEYS keys ($(cut -d' ' -f1 "$FG_RUN/keys.txt" | sort -u | tr '\n' ' '))"
[ "$found" -eq 0 ] || die "$found secrets in the logs"
log "no secret in the logs"
