#!/usr/bin/env bash
#
# FlexGate against a real strongSwan client, each in a network namespace this script creates:
#
#   fgi-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  fgi-gw   (FlexGate, shipped etc/)
#            strongSwan client (kernel-libipsec: userspace ESP in UDP 4500)
#                                          gw-in 10.0.1.254/24 ---veth--- srv0 10.0.1.10/24  fgi-srv
#
# Usage:  flexgate-interop.sh all              up, connect with each method, check, down
#         flexgate-interop.sh up | down
#         flexgate-interop.sh connect METHOD    METHOD = mschapv2 | gtc | md5 | cert (client certificate)
#         flexgate-interop.sh rekey             connect with short lifetimes; CHILD_SA and IKE SA rekeyed
#         flexgate-interop.sh console CMD...    run a FlexGate console command in the gateway
# Env:    FG_RUN   runtime directory (default /tmp/flexgate-interop)
#         FG_DIST  distribution archive (default karaf-assembly/target/flexgate-distribution-*.tar.gz)
#         FG_PCAP=1  capture IKE and ESP on the client's interface into $FG_RUN/cli0.pcap
#         FG_REKEY=0  skip the rekey check in `all`;  FG_MD5=0  skip the EAP-MD5 checks;  FG_DPD=0  skip DPD
#         flexgate-interop.sh clear: the operator's crypto:clear-session deletes the client's SAs (FG_CLEAR=0 skips)
#         flexgate-interop.sh rekey-local: FlexGate rekeys a CHILD_SA at its soft lifetime (FG_LOCAL_REKEY=0 skips;
#           =1 shortens the IPsec profile's lifetime to 60 s in the run's etc)
#         FG_IKE_LOCAL_REKEY=0  skip FlexGate's own IKE SA rekey (=1 shortens the Standard-EAP profile's IKE lifetime
#           to 120 s in the run's etc; rekey-local then holds its session until FlexGate rekeyed the IKE SA too)
#         flexgate-interop.sh initial-contact: a restarted client (INITIAL_CONTACT) replaces its old session
#           (FG_INITIAL_CONTACT=0 skips)
#         flexgate-interop.sh dpd: kill the client; DPD removes its session and lease (ends the client)
#         flexgate-interop.sh md5: the hashed seed user fails EAP-MD5, a --reversible user connects
#         FG_NS    prefix of the namespace names (default fgi: fgi-cli, fgi-gw, fgi-srv)
#
# Every process is started here and stopped by PID in `down`; nothing runs in the root namespace, and the
# only addresses used are the ones above, inside these namespaces.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
RUN=${FG_RUN:-/tmp/flexgate-interop}
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
# Namespace names: set FG_NS to run several copies side by side (each needs its own FG_RUN too).
NS=${FG_NS:-fgi}
NS_CLI=$NS-cli NS_GW=$NS-gw NS_SRV=$NS-srv
CHARON=/usr/lib/ipsec/charon
CONSOLE_PASSWORD=interop-console
# How long FlexGate may take to boot and to answer, bounded so a broken build cannot hang CI.
BOOT_TIMEOUT=${FG_BOOT_TIMEOUT:-120}

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

net_up() {
    net3_up
    nsx $NS_CLI ping -c1 -W2 198.18.0.1 > /dev/null || die "veth client -> gateway"
}

flexgate_up() {
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive (build it: mvn -B install -DskipTests)"
    mkdir -p "$RUN/karaf"
    tar -xzf "$DIST" -C "$RUN/karaf" --strip-components=1
    local etc=$RUN/karaf/etc
    # The server certificate names the address and name the client connects to.
    printf 'fqdn = vpn.flexgate.test\naddress = 198.18.0.1\n' > "$etc/io.flexgate.pki.cfg"
    printf 'admin = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' \
        "$CONSOLE_PASSWORD" > "$etc/users.properties"
    # Test-only profile: clients with a certificate under users.flexgate.test (authentication remote rsa-sig).
    cat > "$etc/io.flexgate.ikev2.profile-Interop-Cert.cfg" <<'EOF2'
name = Interop-Cert
match.identity.remote = fqdn domain users.flexgate.test
authentication.local = rsa-sig
authentication.remote = rsa-sig
pki.trustpoint = IKEv2-TP
aaa.authorization.group.list = a-eap-author-grp
aaa.authorization.group.policy = ikev2-auth-policy
aaa.authorization.user.cached = false
virtual.template = 100
dpd = 60 2 on-demand
lifetime = 86400
EOF2
    # CHILD_SAs live 60 s (soft limit 54 s): FlexGate rekeys them itself before strongSwan (1 h) does.
    if [ "${FG_LOCAL_REKEY:-1}" = 1 ]; then
        sed -i 's/^lifetime.seconds = .*/lifetime.seconds = 60/' "$etc/io.flexgate.ipsec.profile-AnyConnect-EAP.cfg"
    fi
    # The IKE SA lives 120 s (IOS minimum): FlexGate rekeys it itself at 85-90 % of that, before strongSwan (4 h).
    if [ "${FG_LOCAL_REKEY:-1}" = 1 ] && [ "${FG_IKE_LOCAL_REKEY:-1}" = 1 ]; then
        sed -i 's/^lifetime = .*/lifetime = 120/' "$etc/io.flexgate.ikev2.profile-Standard-EAP.cfg"
    fi
    # Test-only profile: periodic DPD at the IOS minimum for identities under @dpd.flexgate.test (the dpd check).
    cat > "$etc/io.flexgate.ikev2.profile-Interop-Dpd.cfg" <<'EOF2'
name = Interop-Dpd
match.identity.remote = email domain dpd.flexgate.test
authentication.local = rsa-sig
authentication.remote = eap query-identity
eap.methods = mschapv2
pki.trustpoint = IKEv2-TP
aaa.authentication.list = a-eap-authen-local
aaa.authorization.group.list = a-eap-author-grp
aaa.authorization.group.policy = ikev2-auth-policy
aaa.authorization.user.cached = true
virtual.template = 100
dpd = 10 2 periodic
lifetime = 86400
EOF2
    local jh; jh=$(java17)
    bg_ns flexgate $NS_GW "$RUN/flexgate.stdout" env JAVA_HOME="$jh" FLEXGATE_HEAP=256m "$RUN/karaf/bin/karaf" server
    local deadline=$((SECONDS + BOOT_TIMEOUT))
    until nsx $NS_GW ss -Hlun 'sport = :500' | grep -q . && console 'flexgate:status' 2>/dev/null | grep -q 'Session registry'; do
        [ $SECONDS -lt $deadline ] || die "FlexGate did not come up within ${BOOT_TIMEOUT}s (see $RUN/karaf/data/log/karaf.log)"
        sleep 1
    done
    log "FlexGate up in $NS_GW (pid $(cat "$RUN/pids/flexgate.pid"))"
    local ca=$RUN/karaf/data/flexgate/pki/ca.crt
    for _ in $(seq 1 100); do [ -s "$ca" ] && break; sleep 0.1; done
    [ -s "$ca" ] || die "FlexGate exported no CA certificate ($ca)"
}

# A client CA (strongSwan's pki) and a client certificate for alice.users.flexgate.test; the generated
# trustpoint IKEv2-TP trusts the client CA through its configuration (trusted.ca.files).
client_pki() {
    local d=$RUN/cli
    pki --gen --type rsa --size 2048 --outform pem > $d/client-ca.key
    pki --self --ca --lifetime 30 --in $d/client-ca.key --dn "CN=FlexGate Interop Client CA" --outform pem > $d/client-ca.pem
    pki --gen --type rsa --size 2048 --outform pem > $d/swanctl/private/alice.key
    pki --pub --in $d/swanctl/private/alice.key | pki --issue --lifetime 30 --cacert $d/client-ca.pem \
        --cakey $d/client-ca.key --dn "CN=alice.users.flexgate.test" --san alice.users.flexgate.test \
        --flag clientAuth --outform pem > $d/swanctl/x509/alice.pem
    cp $d/client-ca.pem "$RUN/karaf/data/flexgate/pki/interop-client-ca.pem"
    local loaded; loaded=$(grep -c 'Trustpoint IKEv2-TP: ' "$RUN/karaf/data/log/karaf.log" || true)
    console "config:property-set -p io.flexgate.pki.trustpoint~IKEv2-TP trusted.ca.files $RUN/karaf/data/flexgate/pki/interop-client-ca.pem" \
        > "$RUN/trustpoint-edit.txt" 2>&1
    local deadline=$((SECONDS + 30))
    until [ "$(grep -c 'Trustpoint IKEv2-TP: ' "$RUN/karaf/data/log/karaf.log" || true)" -gt "$loaded" ]; do
        [ $SECONDS -lt $deadline ] || die "trustpoint IKEv2-TP did not pick up the client CA"
        sleep 0.5
    done
}

charon_up() {
    local d=$RUN/cli
    mkdir -p $d/run $d/swanctl/{x509,x509ca,private,conf.d}
    cp "$RUN/karaf/data/flexgate/pki/ca.crt" $d/swanctl/x509ca/flexgate-ca.pem
    client_pki
    cat > $d/strongswan.conf <<EOF
charon {
    load = random nonce openssl kdf pem pkcs1 pkcs8 x509 pubkey revocation constraints curve25519 kernel-libipsec kernel-netlink socket-default vici eap-identity eap-mschapv2 eap-md5 eap-gtc resolve
    filelog {
        cli {
            path = $d/charon.log
            time_format = %H:%M:%S
            flush_line = yes
            default = 1
            ike = 2
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
        proposals = aes256-sha256-modp2048, aes128gcm16-prfsha256-curve25519
        local {
            auth = eap-mschapv2
            id = test
            eap_id = test
        }
        remote {
            auth = pubkey
            id = vpn.flexgate.test
        }
        children {
            mschapv2-rw {
                remote_ts = 0.0.0.0/0
                esp_proposals = aes256-sha256, aes128gcm16
            }
        }
    }
    gtc : connections.mschapv2 {
        proposals = aes128gcm16-prfsha256-curve25519
        local {
            auth = eap-gtc
        }
        children {
            gtc-rw : connections.mschapv2.children.mschapv2-rw {
                esp_proposals = aes128gcm16
            }
        }
    }
    md5 : connections.mschapv2 {
        local {
            auth = eap-md5
        }
        children {
            md5-rw : connections.mschapv2.children.mschapv2-rw {}
        }
    }
    dpd : connections.mschapv2 {
        local {
            id = client@dpd.flexgate.test
        }
        children {
            dpd-rw : connections.mschapv2.children.mschapv2-rw {}
        }
    }
    md5ok : connections.md5 {
        local {
            id = md5user
            eap_id = md5user
        }
        children {
            md5ok-rw : connections.mschapv2.children.mschapv2-rw {}
        }
    }
    cert : connections.mschapv2 {
        local {
            auth = pubkey
            certs = alice.pem
            id = alice.users.flexgate.test
        }
        children {
            cert-rw : connections.mschapv2.children.mschapv2-rw {}
        }
    }
    # Short lifetimes: strongSwan rekeys the CHILD_SA (with PFS) and the IKE SA within seconds.
    rekey : connections.mschapv2 {
        proposals = aes256-sha256-modp2048
        rekey_time = 14s
        over_time = 4s
        rand_time = 1s
        reauth_time = 0
        children {
            rekey-rw : connections.mschapv2.children.mschapv2-rw {
                esp_proposals = aes256-sha256-modp2048
                rekey_time = 5s
                life_time = 9s
                rand_time = 1s
            }
        }
    }
}
secrets {
    eap-test {
        id = test
        secret = "cisco123"
    }
    eap-md5user {
        id = md5user
        secret = "md5-interop-pw"
    }
}
EOF
    charon_start
}

charon_start() {
    local d=$RUN/cli
    bg_ns charon $NS_CLI $d/charon.stdout env STRONGSWAN_CONF=$d/strongswan.conf SWANCTL_DIR=$d/swanctl \
        unshare -m --propagation private sh -c "mount --bind $d/run /run && exec $CHARON"
    charon_wait $d
    swanctl_ --load-all > $d/load-all.txt 2>&1 || { cat $d/load-all.txt; die "swanctl --load-all"; }
    log "strongSwan client up in $NS_CLI (pid $(cat "$RUN/pids/charon.pid"))"
}

# Kills the client's charon without letting it send a DELETE, and waits until it is reaped: a charon started
# while the old one is still a zombie finds charon.pid naming a live process and exits ("already running").
charon_kill() {
    local pid; pid=$(cat "$RUN/pids/charon.pid")
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -e /proc/$pid ] || break; sleep 0.05; done
    [ -e /proc/$pid ] && die "strongSwan client (pid $pid) did not exit after SIGKILL"
    rm -f "$RUN/pids/charon.pid"
}

swanctl_() {
    STRONGSWAN_CONF=$RUN/cli/strongswan.conf SWANCTL_DIR=$RUN/cli/swanctl swanctl "$@" --uri unix://$RUN/cli/run/charon.vici
}

pcap_up() {
    bg_ns tshark $NS_CLI "$RUN/tshark.log" tshark -q -i cli0 -w "$RUN/cli0.pcap" -f 'udp port 500 or udp port 4500'
    for _ in $(seq 1 100); do grep -q "Capturing on" "$RUN/tshark.log" && return 0; sleep 0.05; done
}

# Wireshark must decode every IKE message of the run: no "Malformed" mark anywhere in the full dissection.
pcap_check() {
    kill "$(cat "$RUN/pids/tshark.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$(cat "$RUN/pids/tshark.pid")" 2>/dev/null || break; sleep 0.1; done
    tshark -r "$RUN/cli0.pcap" -V > "$RUN/cli0-dissection.txt" 2>&1
    local n; n=$(tshark -r "$RUN/cli0.pcap" -Y isakmp 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] || die "pcap: no IKE message captured"
    if grep -qi 'malformed' "$RUN/cli0-dissection.txt"; then
        grep -i -B5 'malformed' "$RUN/cli0-dissection.txt" | head -30; die "pcap: Wireshark marks a message malformed"
    fi
    log "pcap: $n IKE messages, none malformed (tshark -V)"
}

up() {
    [ -e /run/netns/$NS_GW ] && die "already up (run: $0 down)"
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    [ -x $CHARON ] || die "strongSwan is not installed (apt-get install strongswan-charon strongswan-swanctl ...)"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    net_up; log "namespaces up"
    [ "${FG_PCAP:-0}" = 1 ] && pcap_up
    flexgate_up
    charon_up
}

# Connects with METHOD and checks what a user would: an address from ACP00L, the DNS server of
# ikev2-auth-policy, and the split network 10.0.0.0/8 only.
connect() {
    local c=$1
    swanctl_ --initiate --ike $c --child $c-rw --timeout 20 > "$RUN/cli/initiate-$c.txt" 2>&1 \
        || { tail -25 "$RUN/cli/initiate-$c.txt"; die "$c: strongSwan could not connect"; }
    local sa; sa=$(swanctl_ --list-sas --ike $c)
    grep -qE 'local  192\.168\.10\.([5-9]|10)/32' <<< "$sa" || { echo "$sa"; die "$c: no address from pool ACP00L"; }
    grep -q 'remote 10\.0\.0\.0/8' <<< "$sa" || { echo "$sa"; die "$c: traffic selectors not narrowed to 10.0.0.0/8"; }
    grep -q 'nameserver 10.0.1.1' "$RUN/cli/resolv.conf" || die "$c: DNS 10.0.1.1 not received"
    log "connected $c: $(grep -oE 'local  192\.168\.10\.[0-9]+/32|remote 10\.0\.0\.0/8|ESP:[A-Z0-9_/-]+|TUNNEL-in-UDP' <<< "$sa" | tr -s ' ' | tr '\n' ' ')+ DNS 10.0.1.1"
}

disconnect() {
    swanctl_ --terminate --ike $1 --timeout 10 > /dev/null 2>&1 || true
}

# FlexGate's own CHILD_SA rekey: the 60 s lifetime of the test overlay reaches its soft limit; FlexGate sends
# CREATE_CHILD_SA with N(REKEY_SA), installs the new pair, deletes the old one; traffic still flows.
rekey_local() {
    connect mschapv2
    local log=$RUN/karaf/data/log/karaf.log
    local child0; child0=$(swanctl_ --list-sas --ike mschapv2 --raw | grep -oE 'spi-in=[0-9a-f]+' | head -n1)
    local deadline=$((SECONDS + 90))
    until grep -q 'rekeyed by us: new SPIs' "$log"; do
        [ $SECONDS -lt $deadline ] || die "rekey_local: FlexGate did not rekey the CHILD_SA at its soft lifetime"
        sleep 1
    done
    local child
    deadline=$((SECONDS + 10))
    while :; do
        child=$(swanctl_ --list-sas --ike mschapv2 --raw | grep -oE 'spi-in=[0-9a-f]+' | sort -u | tr '\n' ' ')
        [ "$child" != "$child0 " ] && ! grep -q "$child0" <<< "$child" && break
        [ $SECONDS -lt $deadline ] || die "rekey_local: strongSwan still has $child0 ($child)"
        sleep 0.5
    done
    log "rekey_local: FlexGate rekeyed the CHILD_SA: $child0 -> $child"
    ping_through
    if [ "${FG_IKE_LOCAL_REKEY:-1}" = 1 ]; then rekey_ike_local; fi
    disconnect mschapv2
}

# FlexGate's own IKE SA rekey: the 120 s IKE lifetime of the test overlay is nearly reached; FlexGate sends
# CREATE_CHILD_SA with SA, Ni and KEi, moves the session to the new IKE SA and deletes the old one. strongSwan
# must log the rekey as done, keep the same virtual address, and traffic must still flow. Needs the session that
# rekey_local holds.
rekey_ike_local() {
    local log=$RUN/karaf/data/log/karaf.log
    local ike0; ike0=$(swanctl_ --list-sas --ike mschapv2 --raw | grep -oE 'responder-spi=[0-9a-f]+' | head -n1)
    local addr0; addr0=$(swanctl_ --list-sas --ike mschapv2 | grep -oE 'local  192\.168\.10\.[0-9]+/32' | sort -u)
    local deadline=$((SECONDS + 150))
    until grep -q 'IKE SA rekeyed by us: new SPIs' "$log"; do
        [ $SECONDS -lt $deadline ] || die "rekey_ike_local: FlexGate did not rekey the IKE SA at its lifetime"
        sleep 1
    done
    deadline=$((SECONDS + 15))
    until grep -qE 'IKE_SA mschapv2\[[0-9]+\] rekeyed between' "$RUN/cli/charon.log"; do
        [ $SECONDS -lt $deadline ] || die "rekey_ike_local: strongSwan logged no completed IKE_SA rekey"
        sleep 0.5
    done
    local ike
    deadline=$((SECONDS + 15))
    while :; do
        ike=$(swanctl_ --list-sas --ike mschapv2 --raw | grep -oE 'responder-spi=[0-9a-f]+' | sort -u | tr '\n' ' ')
        [ -n "$ike" ] && ! grep -q "$ike0" <<< "$ike" && [ "$(echo "$ike" | wc -w)" = 1 ] && break
        [ $SECONDS -lt $deadline ] || die "rekey_ike_local: strongSwan still holds the old IKE SA ($ike0; now $ike)"
        sleep 0.5
    done
    local addr; addr=$(swanctl_ --list-sas --ike mschapv2 | grep -oE 'local  192\.168\.10\.[0-9]+/32' | sort -u)
    [ "$addr" = "$addr0" ] || die "rekey_ike_local: address changed from '$addr0' to '$addr'"
    local sessions; sessions=$(console 'crypto:ikev2-sa' | grep -c '198\.18\.0\.2.*READY' || true)
    [ "$sessions" = 1 ] || die "rekey_ike_local: $sessions sessions after the rekey instead of the one it kept"
    log "rekey_ike_local: FlexGate rekeyed the IKE SA: $ike0 -> $ike, $(grep -oE 'IKE_SA mschapv2\[[0-9]+\] rekeyed between' "$RUN/cli/charon.log" | tail -n1) (strongSwan)"
    ping_through
}

# INITIAL_CONTACT (RFC 7296 section 2.4): the client restarts without a DELETE (charon killed), so FlexGate still
# holds its session; the new charon connects with the same identity and N(INITIAL_CONTACT). FlexGate must end
# the old session and free its lease: exactly one session (the new one) and one lease are left.
initial_contact() {
    connect mschapv2
    local log=$RUN/karaf/data/log/karaf.log
    local before; before=$(console 'crypto:ikev2-sa' | grep '198\.18\.0\.2' || true)
    [ "$(echo "$before" | grep -c READY)" = 1 ] || { echo "$before"; die "initial_contact: expected one session first"; }
    local old; old=$(echo "$before" | awk '{print $1}')
    local replaced0; replaced0=$(grep -c 'Session down: .*(REPLACED)' "$log" || true)
    local contacts0; contacts0=$(grep -cE 'IKE_AUTH request 1 \[.*N\(INIT_CONTACT\)' "$log" || true)
    charon_kill
    charon_start
    connect mschapv2
    [ "$(grep -cE 'IKE_AUTH request 1 \[.*N\(INIT_CONTACT\)' "$log" || true)" -gt "$contacts0" ] \
        || die "initial_contact: the restarted client sent no N(INIT_CONTACT)"
    local deadline=$((SECONDS + 15))
    until [ "$(grep -c 'Session down: .*(REPLACED)' "$log" || true)" -gt "$replaced0" ]; do
        [ $SECONDS -lt $deadline ] || die "initial_contact: the old session was not replaced"
        sleep 0.5
    done
    local after; after=$(console 'crypto:ikev2-sa' | grep '198\.18\.0\.2' || true)
    [ "$(echo "$after" | grep -c READY)" = 1 ] || { echo "$after"; die "initial_contact: not exactly one session left"; }
    local new; new=$(echo "$after" | awk '{print $1}')
    [ "$new" != "$old" ] || die "initial_contact: the old session $old is still there"
    console 'ip:local-pool' > "$RUN/pool-initial-contact.txt"
    grep -qE 'ACP00L .*\| +1 *$' "$RUN/pool-initial-contact.txt" \
        || { cat "$RUN/pool-initial-contact.txt"; die "initial_contact: the old lease was not freed (not exactly 1 in use)"; }
    log "initial_contact: session $old replaced by $new (INITIAL_CONTACT), one lease in use"
    nat_report
    disconnect mschapv2
}

# crypto:ikev2-sa --detailed tells a detected NAT from UDP encapsulation forced by FlexGate's configuration
# (force-encapsulation is on in the shipped etc, and there is no NAT between the namespaces). strongSwan with
# kernel-libipsec forces encapsulation too, by a NAT_DETECTION_SOURCE_IP hash that matches nothing, so FlexGate
# rightly sees "detected outside"; what must never show is a NAT in front of FlexGate ("detected inside").
nat_report() {
    local out; out=$(console 'crypto:ikev2-sa --detailed')
    local line; line=$(grep -m1 'NAT-T is' <<< "$out") || { echo "$out"; die "nat: no NAT-T line in crypto:ikev2-sa --detailed"; }
    grep -q 'UDP encapsulation forced by configuration' <<< "$line" || die "nat: forced encapsulation not reported: $line"
    grep -q 'detected inside' <<< "$line" && die "nat: FlexGate reports a NAT in front of itself: $line"
    log "nat: ${line#"${line%%[![:space:]]*}"}"
}

# Dead peer detection: the client vanishes without a DELETE (charon killed); FlexGate's periodic DPD (profile
# Interop-Dpd: every 10 s, retries 2 s apart, the IOS minimum) removes the session, its CHILD_SA and its
# lease. Ends the client.
dpd() {
    connect dpd
    local log=$RUN/karaf/data/log/karaf.log
    charon_kill
    log "strongSwan client killed (no DELETE sent)"
    local deadline=$((SECONDS + 45))
    until grep -q 'did not answer dead peer detection: session removed' "$log"; do
        [ $SECONDS -lt $deadline ] || die "dpd: the dead client's session was not removed within 45 s"
        sleep 0.5
    done
    grep -q 'Session down: .*(DPD_TIMEOUT)' "$log" || die "dpd: no session down with reason DPD_TIMEOUT"
    console 'ip:local-pool' > "$RUN/pool-after-dpd.txt"
    grep -qE 'ACP00L .*\| +0 *$' "$RUN/pool-after-dpd.txt" || { cat "$RUN/pool-after-dpd.txt"; die "dpd: lease not released"; }
    log "dpd: dead client detected, session, CHILD_SA and lease removed"
}

# The operator clears a session (crypto:clear-session, SessionRegistry.clear): FlexGate sends DELETE and the
# client's IKE SA goes away.
clear_session() {
    connect mschapv2
    local out; out=$(console 'crypto:clear-session --user test')
    grep -q '1 session cleared' <<< "$out" || { echo "$out"; die "clear: crypto:clear-session did not clear one session"; }
    local deadline=$((SECONDS + 15))
    while swanctl_ --list-sas --ike mschapv2 | grep -q ESTABLISHED; do
        [ $SECONDS -lt $deadline ] || die "clear: strongSwan still holds the IKE SA 15 s after the operator's DELETE"
        sleep 0.5
    done
    grep -q 'Session down: .*(OPERATOR_CLEAR)' "$RUN/karaf/data/log/karaf.log" || die "clear: no session down (OPERATOR_CLEAR)"
    log "clear: operator DELETE removed the session on both ends"
}

# EAP-MD5 needs the password in a reversible form: the seed user 'test' (hashed) is refused with one clear
# log line and an EAP-Failure; a user added with --reversible connects.
md5() {
    if swanctl_ --initiate --ike md5 --child md5-rw --timeout 20 > "$RUN/cli/initiate-md5-hashed.txt" 2>&1; then
        die "md5: the seed user 'test', stored hashed, connected with EAP-MD5"
    fi
    grep -q 'EAP_FAILURE\|AUTHENTICATION_FAILED' "$RUN/cli/initiate-md5-hashed.txt" \
        || { tail -20 "$RUN/cli/initiate-md5-hashed.txt"; die "md5: strongSwan saw no EAP failure for the hashed user"; }
    local line; line=$(grep -m1 "Authentication failed for user 'test'.*EAP-md5.*stored hashed" "$RUN/karaf/data/log/karaf.log") \
        || die "md5: FlexGate logged no clear reason for the hashed user"
    log "md5: hashed user 'test' refused: ${line##*: }"
    console "aaa:user-add --password md5-interop-pw --reversible md5user" > "$RUN/md5-user-add.txt" 2>&1
    connect md5ok
    if [ "${FG_PING:-1}" = 1 ]; then ping_through; fi
    disconnect md5ok
}

# The rekey connection: strongSwan rekeys its CHILD_SA and its IKE SA; the session survives both with the
# same address (no new lease), and traffic still flows.
rekey() {
    connect rekey
    local before; before=$(swanctl_ --list-sas --ike rekey --raw)
    local ike0 child0; ike0=$(grep -oE 'responder-spi=[0-9a-f]+' <<< "$before" | head -n1)
    child0=$(grep -oE 'spi-in=[0-9a-f]+' <<< "$before" | head -n1)
    local addr0; addr0=$(swanctl_ --list-sas --ike rekey | grep -oE 'local  192\.168\.10\.[0-9]+/32' | sort -u)
    local deadline=$((SECONDS + 45)) now ike child
    while :; do
        now=$(swanctl_ --list-sas --ike rekey --raw)
        ike=$(grep -oE 'responder-spi=[0-9a-f]+' <<< "$now" | head -n1)
        child=$(grep -oE 'spi-in=[0-9a-f]+' <<< "$now" | head -n1)
        [ -n "$ike" ] && [ "$ike" != "$ike0" ] && [ -n "$child" ] && [ "$child" != "$child0" ] && break
        [ $SECONDS -lt $deadline ] || { echo "$now"; die "rekey: SAs not rekeyed within 45 s (IKE $ike0 -> $ike, CHILD $child0 -> $child)"; }
        sleep 1
    done
    local addr; addr=$(swanctl_ --list-sas --ike rekey | grep -oE 'local  192\.168\.10\.[0-9]+/32' | sort -u)
    [ "$addr" = "$addr0" ] || die "rekey: address changed from '$addr0' to '$addr'"
    local log=$RUN/karaf/data/log/karaf.log
    grep -q 'IKE SA rekeyed' "$log" || die "rekey: FlexGate logged no IKE SA rekey"
    grep -q 'rekeyed: new SPIs' "$log" || die "rekey: FlexGate logged no CHILD_SA rekey"
    [ "$(grep -c 'Session up' "$log")" = "$(grep -c 'Session down' "$log" | awk '{print $1+1}')" ] \
        || die "rekey: a second session came up instead of a rekey"
    log "rekeyed: IKE $ike0 -> $ike, CHILD $child0 -> $child, address ${addr#local  } kept"
    ping_through
    disconnect rekey
}

ping_through() {
    nsx $NS_CLI ping -c3 -i0.2 -W2 10.0.1.10 > "$RUN/ping.txt" 2>&1 || { cat "$RUN/ping.txt"; die "ping 10.0.1.10 through the tunnel"; }
    log "ping 10.0.1.10 through the tunnel: $(grep -oE '[0-9]+ received' "$RUN/ping.txt")"
}

down() {
    stop_pids
    del_ns $NS_CLI $NS_GW $NS_SRV
}

all() {
    trap down EXIT
    up
    for m in ${FG_METHODS:-mschapv2 gtc cert}; do
        connect $m
        if [ "${FG_PING:-1}" = 1 ]; then ping_through; fi
        disconnect $m
    done
    if [ "${FG_CLEAR:-1}" = 1 ]; then clear_session; fi
    if [ "${FG_LOCAL_REKEY:-1}" = 1 ]; then rekey_local; fi
    if [ "${FG_MD5:-1}" = 1 ]; then md5; fi
    if [ "${FG_REKEY:-1}" = 1 ]; then rekey; fi
    if [ "${FG_INITIAL_CONTACT:-1}" = 1 ]; then initial_contact; fi
    console 'ip:local-pool' | tee "$RUN/pool-after.txt"
    if [ "${FG_DPD:-1}" = 1 ]; then dpd; fi
    if [ "${FG_PCAP:-0}" = 1 ]; then pcap_check; fi
    log "all done"
}

case "${1:-all}" in
    all) all ;;
    up) up ;;
    down) down ;;
    connect) connect "$2" ;;
    rekey) rekey ;;
    md5) md5 ;;
    dpd) dpd ;;
    clear) clear_session ;;
    rekey-local) rekey_local ;;
    initial-contact) initial_contact ;;
    ping) ping_through ;;
    console) shift; console "$@" ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
esac
