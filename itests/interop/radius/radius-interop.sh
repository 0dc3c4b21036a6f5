#!/usr/bin/env bash
#
# FlexGate with RADIUS end to end: the Karaf distribution with `feature:install flexgate-radius`, a real
# FreeRADIUS 3.2 (./freeradius.sh, private raddb) on 127.0.0.1 inside the gateway's namespace, and a real
# strongSwan client:
#
#   <ns>-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  <ns>-gw  (FlexGate + FreeRADIUS on lo)
#                                           gw-in 10.0.1.254/24 ---veth--- srv0 10.0.1.10/24  <ns>-srv
#
# Checks, in order:
#   mschapv2  erin@radius.flexgate.test, EAP-MSCHAPv2 passed through to FreeRADIUS (profile RADIUS-EAP,
#             eap.methods = radius; AUTH needs the MSK FlexGate builds from the MS-MPPE keys): Framed-IP-Address
#             192.168.10.80, Cisco-AVPair ipsec:dns-servers 10.0.1.53 and ipsec:route-set 10.0.0.0/8 reach
#             strongSwan; ping through the tunnel; after the client's DELETE, Accounting Start and Stop in the
#             detail file with that address and non-zero octets (User-Request).
#   gtc       frank@gtc.radius.flexgate.test (also inside RADIUS-EAP's domain: the longer domain of RADIUS-GTC
#             must win), EAP-GTC on FlexGate, password checked by FreeRADIUS with PAP
#             (authentication list `group radius`): 192.168.10.81, DNS 10.0.1.54, route-set 10.0.1.0/24; ping;
#             then radclient's Disconnect-Request (User-Name) is ACKed, strongSwan loses its SA, and the Stop
#             says Admin-Reset.
#   shutdown  erin again, then FlexGate stops (SIGTERM): the Stop of the open session (Admin-Reboot) is
#             delivered while stopping, or waits in the accounting spool for the next start.
#   secrets   io.flexgate logs at TRACE the whole run: its logs hold neither the RADIUS shared secret, nor the
#             two users' passwords, nor any key strongSwan logged (ike = 4: SK_*, the DH secret, the MSK that
#             FlexGate builds from the MS-MPPE keys).
# Every session is accounted through the profiles' `aaa accounting` list r-acct (start-stop group radius).
#
# Usage:  radius-interop.sh all | up | down | console CMD...
# Env:    FG_NS   namespace prefix (default fgr), FG_RUN runtime directory (default /tmp/flexgate-radius-interop)
#         FG_DIST distribution archive (default karaf-assembly/target/flexgate-distribution-*.tar.gz)
#         FG_RADIUS_BOOT=1  flexgate-radius as a boot feature instead of feature:install after boot
#         FG_RESTART=1  also: a Stop spooled while FreeRADIUS is down survives a FlexGate restart (one more boot)
#         FG_ACCT_OCTETS=report  report zero octets in a Stop as a GAP line instead of failing
# Root only. Every process is started here and stopped by PID in `down`; nothing runs in the root namespace.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
RUN=${FG_RUN:-/tmp/flexgate-radius-interop}
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
NS=${FG_NS:-fgr}
NS_CLI=$NS-cli NS_GW=$NS-gw NS_SRV=$NS-srv
CHARON=/usr/lib/ipsec/charon
CONSOLE_PASSWORD=radius-interop-console
SECRET=flexgate-test-secret
BOOT_TIMEOUT=${FG_BOOT_TIMEOUT:-90}
# How long a record may take from the session's end to FreeRADIUS's detail file.
ACCT_TIMEOUT=15

# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$HERE/../lib.sh"
now() { date +%s.%N; }
since() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN{printf "%.2f", a-b}'; }

radius_up() {
    FG_RADIUS_RUN=$RUN/radius FG_RADIUS_NS=$NS_GW FG_RADIUS_SECRET=$SECRET bash "$HERE/freeradius.sh" up > "$RUN/freeradius-up.txt" 2>&1 \
        || { cat "$RUN/freeradius-up.txt"; die "FreeRADIUS did not start"; }
    cp "$RUN/radius/freeradius.pid" "$RUN/pids/freeradius.pid"
    log "FreeRADIUS up in $NS_GW on 127.0.0.1:18120/18130"
}

# The run's etc/: the shipped seed plus the RADIUS objects and two test profiles (IOS in the comments).
flexgate_etc() {
    local etc=$1
    printf 'fqdn = vpn.flexgate.test\naddress = 198.18.0.1\n' > "$etc/io.flexgate.pki.cfg"
    printf 'admin = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
        "$CONSOLE_PASSWORD" > "$etc/users.properties"
    cp "$HERE"/etc/io.flexgate.aaa.*.cfg "$etc/"
    trace_overlay "$etc"
    chmod 600 "$etc"/io.flexgate.aaa.radius.*.cfg
    cat > "$etc/io.flexgate.ikev2.profile-RADIUS-EAP.cfg" <<'EOF'
# crypto ikev2 profile RADIUS-EAP
#  match identity remote email domain radius.flexgate.test
#  authentication remote eap query-identity          (EAP passed through to the RADIUS server)
#  aaa authentication eap r-authen
#  aaa authorization user eap cached                  (the Access-Accept's attributes)
#  aaa accounting eap r-acct
name = RADIUS-EAP
match.identity.remote = email domain radius.flexgate.test
authentication.local = rsa-sig
authentication.remote = eap query-identity
eap.methods = radius
pki.trustpoint = IKEv2-TP
aaa.authentication.list = r-authen
aaa.authorization.group.list = r-author
aaa.authorization.user.cached = true
aaa.accounting.list = r-acct
virtual.template = 100
dpd = 60 2 on-demand
lifetime = 86400
EOF
    sed -e 's/RADIUS-EAP/RADIUS-GTC/' -e 's/domain radius.flexgate.test/domain gtc.radius.flexgate.test/' \
        -e 's/^eap.methods = radius/eap.methods = gtc/' -e 's/(EAP passed through to the RADIUS server)/(EAP-GTC here, PAP to RADIUS)/' \
        "$etc/io.flexgate.ikev2.profile-RADIUS-EAP.cfg" > "$etc/io.flexgate.ikev2.profile-RADIUS-GTC.cfg"
}

flexgate_up() {
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive (build it: mvn -B install -DskipTests)"
    mkdir -p "$RUN/karaf"
    tar -xzf "$DIST" -C "$RUN/karaf" --strip-components=1
    # The assembly carries flexgate-radius in its system/ repository (installed, not booted): feature:install
    # needs no network. An older archive lacks it.
    ls "$RUN"/karaf/system/io/flexgate/aaa-radius/*/aaa-radius-*.jar >/dev/null 2>&1 \
        || die "the distribution has no aaa-radius bundle in system/ (rebuild: mvn -B -o install -DskipTests -pl features,karaf-assembly)"
    flexgate_etc "$RUN/karaf/etc"
    # FG_RADIUS_BOOT=1: the test's boot feature variant (flexgate-radius boots with the core feature); else the
    # operator's way, feature:install once the core is up (then the RADIUS bundle stops before the engine).
    if [ "${FG_RADIUS_BOOT:-0}" = 1 ]; then
        sed -i 's|^\(\s*\)flexgate/\([^,]*\), \\$|&\n\1flexgate-radius/\2, \\|' "$RUN/karaf/etc/org.apache.karaf.features.cfg"
        grep -q 'flexgate-radius/' "$RUN/karaf/etc/org.apache.karaf.features.cfg" || die "could not add flexgate-radius to featuresBoot"
    fi
    flexgate_start first
}

# How many lines of FILE hold TEXT (0 when the file is not there yet).
lines() { local n; n=$(grep -cs -- "$1" "$2" 2>/dev/null); echo "${n:-0}"; }

# Starts FlexGate (again: `restart`) and waits for the core and the flexgate-radius components, by new log lines.
flexgate_start() {
    local klog=$RUN/karaf/data/log/karaf.log
    local ike0 acct0; ike0=$(lines 'IKE listening on' "$klog"); acct0=$(lines "radius accounting by the profiles'" "$klog")
    local jh; jh=$(java17)
    bg_ns flexgate $NS_GW "$RUN/flexgate.stdout" env JAVA_HOME="$jh" FLEXGATE_HEAP=256m "$RUN/karaf/bin/karaf" server
    local deadline=$((SECONDS + BOOT_TIMEOUT))
    until [ "$(lines 'IKE listening on' "$klog")" -gt "$ike0" ] && grep -qs 'Registering commands for bundle io.flexgate.shell' "$klog"; do
        [ $SECONDS -lt $deadline ] || die "FlexGate did not come up within ${BOOT_TIMEOUT}s (see $klog)"
        kill -0 "$(cat "$RUN/pids/flexgate.pid")" 2>/dev/null || die "FlexGate exited (see $RUN/flexgate.stdout)"
        if grep -qs 'Error installing boot features' "$klog"; then
            grep -m1 'Unable to resolve' "$klog" || true
            die "boot features did not resolve (see $klog)"
        fi
        sleep 0.5
    done
    log "FlexGate up in $NS_GW"
    if [ "$1" = first ] && [ "${FG_RADIUS_BOOT:-0}" != 1 ]; then
        console 'feature:install flexgate-radius' > "$RUN/feature-install.txt" 2>&1 \
            || { cat "$RUN/feature-install.txt"; die "feature:install flexgate-radius"; }
    fi
    deadline=$((SECONDS + 30))
    until [ "$(lines "radius accounting by the profiles'" "$klog")" -gt "$acct0" ] \
        && grep -qs 'aaa group server radius radius' "$klog" && nsx $NS_GW ss -Hlun 'sport = :3799' | grep -q .; do
        [ $SECONDS -lt $deadline ] || die "flexgate-radius components did not start within 30 s (see $klog)"
        sleep 0.5
    done
    log "flexgate-radius up ($([ "${FG_RADIUS_BOOT:-0}" = 1 ] && echo boot feature || echo feature:install)): group radius, accounting lists, EAP pass-through, dynamic-author on 3799"
    local ca=$RUN/karaf/data/flexgate/pki/ca.crt
    for _ in $(seq 1 100); do [ -s "$ca" ] && break; sleep 0.1; done
    [ -s "$ca" ] || die "FlexGate exported no CA certificate ($ca)"
}

# Stops FlexGate as an operator does (bin/stop: the framework stops bundle by bundle) and waits for the JVM.
flexgate_stop() {
    local pid; pid=$(karaf_java) || die "no FlexGate JVM in $NS_GW"
    local t; t=$(now)
    nsx $NS_GW env JAVA_HOME="$(java17)" "$RUN/karaf/bin/stop" > "$RUN/stop.txt" 2>&1 || { cat "$RUN/stop.txt"; die "bin/stop"; }
    local deadline=$((SECONDS + 45))
    while kill -0 "$pid" 2>/dev/null && ! grep -qs 'State:.*Z' /proc/$pid/status; do
        [ $SECONDS -lt $deadline ] || die "FlexGate still running 45 s after bin/stop"
        sleep 0.2
    done
    rm -f "$RUN/pids/flexgate.pid"
    log "FlexGate stopped in $(since "$t")s"
}

charon_up() {
    local d=$RUN/cli
    mkdir -p $d/run $d/swanctl/{x509,x509ca,private,conf.d}
    cp "$RUN/karaf/data/flexgate/pki/ca.crt" $d/swanctl/x509ca/flexgate-ca.pem
    cat > $d/strongswan.conf <<EOF
charon {
    load = random nonce openssl kdf pem pkcs1 pkcs8 x509 pubkey revocation constraints curve25519 kernel-libipsec kernel-netlink socket-default vici eap-identity eap-mschapv2 eap-gtc resolve
    filelog {
        cli {
            path = $d/charon.log
            time_format = %H:%M:%S
            flush_line = yes
            default = 1
            ike = 4
            cfg = 2
        }
    }
    plugins {
        vici {
            socket = unix://$d/run/charon.vici
        }
        resolve {
            file = $d/resolv.conf
        }
    }
}
EOF
    cat > $d/swanctl/swanctl.conf <<'EOF'
connections {
    mschapv2 {
        version = 2
        remote_addrs = 198.18.0.1
        vips = 0.0.0.0
        proposals = aes128gcm16-prfsha256-curve25519
        local {
            auth = eap-mschapv2
            id = erin@radius.flexgate.test
            eap_id = erin
        }
        remote {
            auth = pubkey
            id = vpn.flexgate.test
        }
        children {
            mschapv2-rw {
                remote_ts = 0.0.0.0/0
                esp_proposals = aes128gcm16
            }
        }
    }
    gtc : connections.mschapv2 {
        local {
            auth = eap-gtc
            id = frank@gtc.radius.flexgate.test
            eap_id = frank
        }
        children {
            gtc-rw : connections.mschapv2.children.mschapv2-rw {}
        }
    }
}
secrets {
    eap-erin {
        id = erin
        secret = "erin-pass"
    }
    eap-frank {
        id = frank
        secret = "frank-pass"
    }
}
EOF
    bg_ns charon $NS_CLI $d/charon.stdout env STRONGSWAN_CONF=$d/strongswan.conf SWANCTL_DIR=$d/swanctl \
        unshare -m --propagation private sh -c "mount --bind $d/run /run && exec $CHARON"
    charon_wait $d
    swanctl_ --load-all > $d/load-all.txt 2>&1 || { cat $d/load-all.txt; die "swanctl --load-all"; }
    log "strongSwan client up in $NS_CLI"
}

swanctl_() {
    STRONGSWAN_CONF=$RUN/cli/strongswan.conf SWANCTL_DIR=$RUN/cli/swanctl swanctl "$@" --uri unix://$RUN/cli/run/charon.vici
}

# connect CONN ADDRESS DNS ROUTE: what strongSwan got must be what FreeRADIUS sent for the user.
connect() {
    local c=$1 addr=$2 dns=$3 route=$4
    rm -f "$RUN/cli/resolv.conf"
    local t; t=$(now)
    swanctl_ --initiate --ike $c --child $c-rw --timeout 20 > "$RUN/cli/initiate-$c.txt" 2>&1 \
        || { tail -25 "$RUN/cli/initiate-$c.txt"; tail -20 "$RUN/karaf/data/log/karaf.log"; die "$c: strongSwan could not connect"; }
    local took; took=$(since "$t")
    local sa; sa=$(swanctl_ --list-sas --ike $c)
    grep -q "local  $addr/32" <<< "$sa" || { echo "$sa"; die "$c: virtual IP is not the Framed-IP-Address $addr"; }
    grep -q "remote $route" <<< "$sa" || { echo "$sa"; die "$c: traffic selectors not narrowed to the route-set $route"; }
    grep -q "nameserver $dns" "$RUN/cli/resolv.conf" 2>/dev/null || die "$c: DNS $dns (Cisco-AVPair ipsec:dns-servers) not received"
    log "connected $c in ${took}s: Framed-IP-Address $addr, DNS $dns, route-set $route ($(grep -oE 'ESP:[A-Z0-9_/-]+' <<< "$sa" | head -n1))"
}

# used_method USER PROFILE METHOD: FlexGate matched PROFILE and ran METHOD; for EAP passed through, the MSK
# came from the MS-MPPE keys (FlexGate logs "(no MSK ...)" otherwise, and strongSwan would refuse the AUTH).
used_method() {
    local user=$1 profile=$2 method=$3 klog=$RUN/karaf/data/log/karaf.log
    local line; line=$(grep -E "EAP-$method succeeded for user '$user'" "$klog" | tail -n 1)
    [ -n "$line" ] || die "$user: FlexGate logged no EAP-$method success"
    grep -qE "Session up: user '${user}[^']*' from [^ ]+ profile $profile on " "$klog" || die "$user: profile $profile not matched"
    if [ "$method" = radius ]; then
        case "$line" in *"no MSK"*) die "$user: EAP passed through without an MSK: $line" ;; esac
        log "$user: profile $profile, EAP passed through to FreeRADIUS, MSK from its MS-MPPE keys"
    else
        log "$user: profile $profile, EAP-$method on FlexGate, password checked by FreeRADIUS (PAP)"
    fi
}

ping_through() {
    nsx $NS_CLI ping -c3 -i0.2 -W2 10.0.1.10 > "$RUN/ping.txt" 2>&1 || { cat "$RUN/ping.txt"; die "ping 10.0.1.10 through the tunnel"; }
    log "ping 10.0.1.10 through the tunnel: $(grep -oE '[0-9]+ received' "$RUN/ping.txt")"
}

detail() { cat "$RUN"/radius*/log/radacct/127.0.0.1/detail-* 2>/dev/null || true; }
# Records before this offset of detail's output belong to earlier checks (mark_detail sets it).
DETAIL_FROM=0
mark_detail() { DETAIL_FROM=$(detail | wc -c); }

# The detail record (lines between blank lines, written since mark_detail) holding every marker.
record_with() {
    detail | tail -c +$((DETAIL_FROM + 1)) | awk -v RS= -v ORS='\n\n' -v m="$*" 'BEGIN{n=split(m, w, "|")} {ok=1; for (i=1;i<=n;i++) if (index($0, w[i])==0) ok=0; if (ok) print}'
}

# await_record NAME MARKER|MARKER...: waits, bounded, for a record with every marker; prints it; reports the wait.
await_record() {
    local what=$1 markers=$2 t; t=$(now)
    local deadline=$((SECONDS + ACCT_TIMEOUT)) rec=""
    while :; do
        rec=$(record_with "$markers")
        [ -n "$rec" ] && break
        [ $SECONDS -lt $deadline ] || { detail | tail -40; die "$what: no accounting record with '$markers' within ${ACCT_TIMEOUT}s"; }
        sleep 0.1
    done
    echo "$rec" > "$RUN/record-$what.txt"
    log "$what in FreeRADIUS's detail file after $(since "$t")s"
}

# Octets of a Stop must be counted: the ping went through the tunnel both ways.
nonzero_octets() {
    local f=$RUN/record-$1.txt in out
    in=$(grep -oE 'Acct-Input-Octets = [0-9]+' "$f" | grep -oE '[0-9]+$' || echo 0)
    out=$(grep -oE 'Acct-Output-Octets = [0-9]+' "$f" | grep -oE '[0-9]+$' || echo 0)
    if [ "$in" -eq 0 ] || [ "$out" -eq 0 ]; then
        [ "${FG_ACCT_OCTETS:-strict}" = report ] || { cat "$f"; die "$1: octets not counted (in $in, out $out)"; }
        log "GAP $1: octets not counted (in $in, out $out): the engine's Stop snapshot carries the counters of session up"
        return 0
    fi
    log "$1: Acct-Input-Octets $in, Acct-Output-Octets $out, $(grep -oE 'Acct-Session-Time = [0-9]+' "$f")"
}

mschapv2() {
    mark_detail
    connect mschapv2 192.168.10.80 10.0.1.53 10.0.0.0/8
    used_method erin RADIUS-EAP radius
    await_record mschapv2-start 'Acct-Status-Type = Start|User-Name = "erin"|Framed-IP-Address = 192.168.10.80'
    ping_through
    swanctl_ --terminate --ike mschapv2 --timeout 10 > /dev/null 2>&1 || die "mschapv2: terminate"
    await_record mschapv2-stop 'Acct-Status-Type = Stop|User-Name = "erin"|Framed-IP-Address = 192.168.10.80|User-Request'
    nonzero_octets mschapv2-stop
}

gtc_and_disconnect() {
    mark_detail
    connect gtc 192.168.10.81 10.0.1.54 10.0.1.0/24
    used_method frank RADIUS-GTC gtc
    await_record gtc-start 'Acct-Status-Type = Start|User-Name = "frank"|Framed-IP-Address = 192.168.10.81'
    ping_through
    local out
    out=$(echo 'User-Name = "frank"' | nsx $NS_GW radclient -x -r 1 -t 5 127.0.0.1:3799 disconnect "$SECRET" 2>&1) || true
    echo "$out" > "$RUN/disconnect.txt"
    grep -q 'Received Disconnect-ACK' <<< "$out" || { echo "$out"; die "gtc: Disconnect-Request not ACKed"; }
    local deadline=$((SECONDS + 15))
    while swanctl_ --list-sas --ike gtc | grep -q ESTABLISHED; do
        [ $SECONDS -lt $deadline ] || die "gtc: strongSwan still holds its IKE SA 15 s after the Disconnect-ACK"
        sleep 0.2
    done
    log "gtc: radclient Disconnect-Request ACKed, strongSwan's IKE SA deleted"
    await_record gtc-stop 'Acct-Status-Type = Stop|User-Name = "frank"|Framed-IP-Address = 192.168.10.81|Admin-Reset'
    nonzero_octets gtc-stop
}

# The FlexGate JVM (bin/karaf runs it as a child of the shell whose PID bg_ns recorded).
karaf_java() {
    local p
    for p in $(ip netns pids $NS_GW); do
        tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -q "org.apache.karaf.main.Main" \
            && tr '\0' ' ' < /proc/$p/cmdline | grep -q -- "-Dkaraf.home=$RUN/karaf " && { echo "$p"; return 0; }
    done
    return 1
}

# FlexGate stops (bin/stop) with a session up: its Stop (Admin-Reboot) reaches FreeRADIUS while stopping, or stays spooled.
shutdown_stop() {
    mark_detail
    connect mschapv2 192.168.10.80 10.0.1.53 10.0.0.0/8
    await_record shutdown-start 'Acct-Status-Type = Start|User-Name = "erin"|Acct-Session-Id|Framed-IP-Address = 192.168.10.80' 
    flexgate_stop
    local spooled; spooled=$(find "$RUN/karaf/data/flexgate/radius-accounting" -name '*.acct' 2>/dev/null | wc -l)
    if [ -n "$(record_with 'Acct-Status-Type = Stop|User-Name = "erin"|Admin-Reboot')" ]; then
        record_with 'Acct-Status-Type = Stop|User-Name = "erin"|Admin-Reboot' > "$RUN/record-shutdown-stop.txt"
        log "shutdown: Stop (Admin-Reboot) delivered while stopping; $spooled records left in the spool"
    elif [ "$spooled" -gt 0 ]; then
        log "shutdown: Stop (Admin-Reboot) not delivered while stopping; $spooled records spooled for the next start"
    else
        grep -i 'radius accounting' "$RUN/karaf/data/log/karaf.log" | tail -5
        die "shutdown: no Stop for the open session, neither delivered nor spooled"
    fi
    if swanctl_ --list-sas --ike mschapv2 | grep -q ESTABLISHED; then
        log "shutdown: strongSwan still holds its IKE SA (FlexGate sent no DELETE while stopping)"
    else
        log "shutdown: strongSwan's IKE SA was deleted by FlexGate while stopping"
    fi
}

# FG_RESTART=1: a Stop written while FreeRADIUS is down waits in the spool across a FlexGate restart and is
# delivered after it, late by Acct-Delay-Time.
restart_spool() {
    mark_detail
    connect mschapv2 192.168.10.80 10.0.1.53 10.0.0.0/8
    await_record restart-start 'Acct-Status-Type = Start|User-Name = "erin"|Framed-IP-Address = 192.168.10.80'
    FG_RADIUS_RUN=$RUN/radius bash "$HERE/freeradius.sh" down > /dev/null
    local rpid; rpid=$(cat "$RUN/pids/freeradius.pid"); rm -f "$RUN/pids/freeradius.pid"
    while kill -0 "$rpid" 2>/dev/null && ! grep -qs 'State:.*Z' /proc/$rpid/status; do sleep 0.1; done
    log "restart: FreeRADIUS stopped"
    swanctl_ --terminate --ike mschapv2 --timeout 10 > /dev/null 2>&1 || die "restart: terminate"
    local klog=$RUN/karaf/data/log/karaf.log deadline=$((SECONDS + 30))
    until grep -q 'Session down: user .erin.*(PEER_DELETE)' <(tail -n 50 "$klog"); do
        [ $SECONDS -lt $deadline ] || die "restart: FlexGate saw no session down"
        sleep 0.2
    done
    flexgate_stop
    local spooled; spooled=$(find "$RUN/karaf/data/flexgate/radius-accounting" -name '*.acct' | wc -l)
    [ "$spooled" -gt 0 ] || die "restart: the Stop written while FreeRADIUS was down is not in the spool"
    log "restart: $spooled record(s) spooled while FreeRADIUS was down"
    FG_RADIUS_RUN=$RUN/radius2 FG_RADIUS_NS=$NS_GW FG_RADIUS_SECRET=$SECRET bash "$HERE/freeradius.sh" up > "$RUN/freeradius-up2.txt" 2>&1 \
        || { cat "$RUN/freeradius-up2.txt"; die "FreeRADIUS did not start again"; }
    cp "$RUN/radius2/freeradius.pid" "$RUN/pids/freeradius.pid"
    mark_detail
    flexgate_start again
    await_record restart-stop 'Acct-Status-Type = Stop|User-Name = "erin"|Framed-IP-Address = 192.168.10.80|User-Request'
    log "restart: the spooled Stop was delivered after the restart, $(grep -oE 'Acct-Delay-Time = [0-9]+' "$RUN/record-restart-stop.txt") s late"
    spooled=$(find "$RUN/karaf/data/flexgate/radius-accounting" -name '*.acct' | wc -l)
    [ "$spooled" -eq 0 ] || die "restart: $spooled record(s) still spooled after delivery"
}

summary() {
    local starts stops
    starts=$(detail | grep -c 'Acct-Status-Type = Start' || true)
    stops=$(detail | grep -c 'Acct-Status-Type = Stop' || true)
    log "accounting: $starts Start and $stops Stop records in FreeRADIUS's detail file"
}

up() {
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    [ -e /run/netns/$NS_GW ] && die "already up (run: $0 down)"
    [ -x $CHARON ] || die "strongSwan is not installed"
    command -v freeradius > /dev/null && command -v radclient > /dev/null || die "FreeRADIUS is not installed (freeradius freeradius-utils)"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    net3_up; log "namespaces $NS_CLI $NS_GW $NS_SRV up"
    radius_up
    flexgate_up
    charon_up
}

down() {
    stop_pids
    rm -f "$RUN/radius/freeradius.pid"
    del_ns $NS_CLI $NS_GW $NS_SRV
}

# After the run (FlexGate stopped, its logs complete): no secret in them.
secrets() {
    local logs=$RUN/karaf/data/log keys=$RUN/keys.txt
    grep -rqE '\| (DEBUG|TRACE) \|.* io\.flexgate\.' "$logs" || die "secrets: no io.flexgate DEBUG or TRACE line: the overlay did not take"
    python3 "$HERE/../charon-keys.py" "$RUN/cli/charon.log" > "$keys"
    [ -s "$keys" ] || die "secrets: strongSwan logged no key at ike = 4 (see $RUN/cli/charon.log)"
    grep -q '^secret ' "$keys" || die "secrets: strongSwan logged no MSK"
    found=0
    secret_check "$logs" "RADIUS shared secret" "$SECRET"
    secret_check "$logs" "erin's password" "erin-pass"
    secret_check "$logs" "frank's password" "frank-pass"
    local name hex
    while read -r name hex; do
        secret_check "$logs" "strongSwan's $name" "${hex:0:32}"
    done < "$keys"
    [ "$found" -eq 0 ] || die "secrets: $found secret(s) in FlexGate's logs"
    log "secrets: none in FlexGate's logs ($(cat "$logs"/*.log | wc -l) lines; RADIUS secret, 2 passwords, $(wc -l < "$keys") keys)"
}

all() {
    trap down EXIT
    up
    mschapv2
    gtc_and_disconnect
    if [ "${FG_RESTART:-0}" = 1 ]; then restart_spool; fi
    shutdown_stop
    summary
    secrets
    log "all done"
}

case "${1:-all}" in
    all) all ;;
    up) up ;;
    down) down ;;
    console) shift; console "$@" ;;
    *) sed -n '2,30p' "$0"; exit 2 ;;
esac
