#!/usr/bin/env bash
#
# The FlexGate client (bundles/client) against a strongSwan RESPONDER, to show the initiator is standard IKEv2
# and not only FlexGate's partner. Pattern of the shared harness (/work/shared/research/interop/harness.sh:
# namespaces, a strongSwan PKI, charon per namespace with its own strongswan.conf and vici socket, kernel-libipsec
# for ESP in userspace), with namespace names of its own so it can run beside other runs:
#
#   $NS-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  $NS-gw  (charon, kernel-libipsec;
#            FlexGate client                                              10.0.1.1/32 on lo, in the
#                                                                         split network 10.0.0.0/8)
#
# Checks:
#   - EAP-MSCHAPv2 as bob@mschapv2.test: strongSwan's certificate (RSA, its own CA) verified by the client, an
#     address from strongSwan's pool, DNS and the split network 10.0.0.0/8 as configuration attributes, a TUN with
#     that address; ping 10.0.1.1 THROUGH the tunnel (ESP in UDP 4500, strongSwan counts the packets)
#   - strongSwan rekeys the IKE SA itself (rekey_time ${FG_IKE_REKEY:-20}s on the responder; FG_IKE_REKEY=0 skips):
#     the client answers as the responder of that CREATE_CHILD_SA, strongSwan shows a new IKE SA with the same
#     CHILD_SA, and the ping still goes through
#   - SIGTERM: the client sends DELETE, strongSwan has no IKE SA left, the TUN is gone
#
# Usage:  client-vs-strongswan.sh all | up | down
# Env:    FG_NS  prefix of the namespace names (default fcs); FG_RUN runtime directory (default
#         /tmp/client-vs-strongswan); FG_IKE_REKEY seconds of strongSwan's IKE rekey_time (0: no rekey check)
# Needs root, strongSwan (charon, swanctl, pki, kernel-libipsec, eap-mschapv2) and a built client
# (mvn -B install -DskipTests -pl bundles/ikev2,bundles/esp,bundles/client). Processes are stopped by PID in `down`.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
RUN=${FG_RUN:-/tmp/client-vs-strongswan}
NS=${FG_NS:-fcs}
NS_CLI=$NS-cli NS_GW=$NS-gw
REKEY=${FG_IKE_REKEY:-20}
CHARON=/usr/lib/ipsec/charon
GW=198.18.0.1 CLI=198.18.0.2 INSIDE=10.0.1.1 SERVER_NAME=vpn.test
USER_ID=bob@mschapv2.test PASSWORD=bob-pass

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

wait_for_line() {  # wait_for_line FILE REGEX SECONDS WHAT
    local deadline=$((SECONDS + $3))
    until grep -qE "$2" "$1" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || { tail -40 "$1"; die "$4: not within $3 s"; }
        sleep 0.2
    done
}

swanctl_() { STRONGSWAN_CONF=$RUN/gw/strongswan.conf swanctl "$@" --uri "unix://$RUN/gw/run/charon.vici"; }

pki_make() {
    local d=$RUN/pki
    mkdir -p "$d"
    printf 'pki {\n  load = random openssl pem pkcs1 pkcs8 x509 pubkey\n}\n' > "$d/strongswan.conf"
    export STRONGSWAN_CONF=$d/strongswan.conf
    pki --gen --type rsa --size 2048 --outform pem > "$d/ca.key"
    pki --self --ca --lifetime 30 --in "$d/ca.key" --type rsa --dn "C=US, O=ClientInterop, CN=ClientInterop CA" \
        --outform pem > "$d/ca.pem"
    pki --gen --type rsa --size 2048 --outform pem > "$d/gw.key"
    pki --pub --in "$d/gw.key" --type rsa | pki --issue --lifetime 30 --cacert "$d/ca.pem" --cakey "$d/ca.key" \
        --dn "C=US, O=ClientInterop, CN=$SERVER_NAME" --san $SERVER_NAME --san $GW --flag serverAuth \
        --flag ikeIntermediate --outform pem > "$d/gw.pem"
    unset STRONGSWAN_CONF
}

gw_conf() {
    local g=$RUN/gw
    mkdir -p "$g/run" "$g/swanctl/x509" "$g/swanctl/x509ca" "$g/swanctl/private"
    cp "$RUN/pki/ca.pem" "$g/swanctl/x509ca/ca.pem"
    cp "$RUN/pki/gw.pem" "$g/swanctl/x509/gw.pem"
    install -m 600 "$RUN/pki/gw.key" "$g/swanctl/private/gw.key"
    cat > "$g/strongswan.conf" <<CONF
charon {
    load = random nonce openssl kdf pem pkcs1 pkcs8 x509 pubkey revocation constraints curve25519 kernel-libipsec kernel-netlink socket-default vici attr eap-identity eap-mschapv2 updown counters
    filelog {
        gw {
            path = $g/charon.log
            time_format = %H:%M:%S
            flush_line = yes
            append = no
            default = 1
            ike = 2
            cfg = 2
        }
    }
    plugins {
        vici {
            socket = unix://$g/run/charon.vici
        }
    }
}
CONF
    local rekey_line="rekey_time = 0s"
    [ "$REKEY" != 0 ] && rekey_line="rekey_time = ${REKEY}s"
    cat > "$g/swanctl/swanctl.conf" <<CONF
connections {
    rw {
        version = 2
        local_addrs = $GW
        pools = rw_pool
        proposals = aes256gcm16-prfsha256-ecp256, aes256-sha256-prfsha256-ecp256
        unique = never
        $rekey_line
        over_time = 60s
        local {
            auth = pubkey
            certs = gw.pem
            id = $SERVER_NAME
        }
        remote {
            auth = eap-mschapv2
            id = *@mschapv2.test
            eap_id = %any
        }
        children {
            rw {
                local_ts = 10.0.0.0/8
                esp_proposals = aes256gcm16, aes256-sha256
                rekey_time = 0s
            }
        }
    }
}
pools {
    rw_pool {
        addrs = 192.168.10.5-192.168.10.10
        dns = 10.0.1.53
        subnet = 10.0.0.0/8
    }
}
secrets {
    eap-bob {
        id = $USER_ID
        secret = "$PASSWORD"
    }
}
CONF
}

charon_up() {
    bg_ns charon $NS_GW "$RUN/gw/charon.stdout" env STRONGSWAN_CONF="$RUN/gw/strongswan.conf" \
        SWANCTL_DIR="$RUN/gw/swanctl" unshare -m --propagation private sh -c "mount --bind $RUN/gw/run /run && exec $CHARON"
    charon_wait "$RUN/gw"
    SWANCTL_DIR=$RUN/gw/swanctl swanctl_ --load-all > "$RUN/gw/load-all.txt" 2>&1 \
        || { cat "$RUN/gw/load-all.txt"; die "swanctl --load-all"; }
    log "strongSwan responder up in $NS_GW (pid $(cat "$RUN/pids/charon.pid"), kernel-libipsec, IKE rekey_time ${REKEY}s)"
}

client_bg() {  # client_bg OUT ARGS...
    local out=$1; shift
    local jh; jh=$(java17)
    local jar; jar=$(ls "$TOP"/bundles/client/target/client-*.jar | grep -v sources | head -n 1)
    printf '%s\n' "$PASSWORD" | nsx $NS_CLI sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/client.pid" \
        "$jh/bin/java" -cp "$jar:$TOP/bundles/client/target/lib/*" io.flexgate.client.Main "$@" > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/client.pid" ] && return 0; sleep 0.02; done
    die "client did not start"
}

ping_through() {  # ping_through WHAT
    nsx $NS_CLI ping -c3 -i0.2 -W2 $INSIDE > "$RUN/ping-$1.txt" 2>&1 || { cat "$RUN/ping-$1.txt"; die "$1: ping $INSIDE through the tunnel"; }
    swanctl_ --list-sas > "$RUN/sas-$1.txt" 2>&1 || true
    local in; in=$({ grep -E '^ +in +[0-9a-f]+.* [0-9]+ packets' "$RUN/sas-$1.txt" || true; } \
        | sed -E 's/.* ([0-9]+) packets.*/\1/' | awk '{s+=$1} END {print s+0}')
    [ "$in" -ge 3 ] || { cat "$RUN/sas-$1.txt"; die "$1: strongSwan counted $in inbound ESP packets (expected >= 3)"; }
    log "$1: ping $INSIDE through the tunnel: $(grep -oE '[0-9]+ received' "$RUN/ping-$1.txt"); strongSwan counted $in inbound packets"
}

ike_spi() { swanctl_ --list-sas 2>/dev/null | grep -oE 'rw: #[0-9]+, ESTABLISHED, IKEv2, [0-9a-f]+_i[* ]*[0-9a-f]+_r' | head -n 1; }

connect() {
    local out=$RUN/connect.txt
    client_bg "$out" connect $GW --ca "$RUN/pki/ca.pem" --server-name $SERVER_NAME --user $USER_ID --method mschapv2 \
        --tun fcs0 --dpd 10
    wait_for_line "$out" '^tun fcs0 up' 60 "TUN up"
    nsx $NS_CLI ip -4 addr show dev fcs0 | grep -qE 'inet 192\.168\.10\.' || die "TUN fcs0 has no address from strongSwan's pool"
    grep -q '^routes 10.0.0.0/8' "$out" || { cat "$out"; die "split network 10.0.0.0/8 not received"; }
    grep -q '^dns 10.0.1.53' "$out" || { cat "$out"; die "DNS 10.0.1.53 not received"; }
    local sa0; sa0=$(ike_spi)
    [ -n "$sa0" ] || die "strongSwan shows no established IKE SA"
    log "connected: $(grep -E '^(address|dns|routes|CHILD_SA)' "$out" | tr '\n' ';') strongSwan: $sa0"
    ping_through connected
    if [ "$REKEY" != 0 ]; then
        wait_for_line "$out" 'IKE SA rekeyed by the headend' $((REKEY + 40)) "IKE SA rekey by strongSwan"
        wait_for_line "$out" 'deleted by the headend after its rekey' 20 "old IKE SA deleted by strongSwan"
        local sa1; sa1=$(ike_spi)
        [ -n "$sa1" ] && [ "$sa1" != "$sa0" ] || die "strongSwan shows no new IKE SA after the rekey ($sa0 / $sa1)"
        grep -q 'IKE_SA rw\[[0-9]*\] rekeying\|rekeying IKE_SA\|IKE_SA rw\[[0-9]*\] rekeyed' "$RUN/gw/charon.log" \
            || log "note: charon.log has no rekey line (SAs differ: $sa0 -> $sa1)"
        log "IKE SA rekeyed by strongSwan: $sa0 -> $sa1; client: $(grep -m1 -oE 'IKE SA rekeyed by the headend: .*' "$out")"
        ping_through rekeyed
    fi
    kill -TERM "$(cat "$RUN/pids/client.pid")"
    local deadline=$((SECONDS + 20))
    while kill -0 "$(cat "$RUN/pids/client.pid")" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || die "client still running 20 s after SIGTERM"
        sleep 0.2
    done
    rm -f "$RUN/pids/client.pid"
    grep -q '^IKE SA deleted' "$out" || { tail -20 "$out"; die "no clean DELETE (strongSwan did not answer it)"; }
    ! nsx $NS_CLI ip link show fcs0 > /dev/null 2>&1 || die "TUN fcs0 left behind"
    [ -z "$(ike_spi)" ] || die "strongSwan still has an IKE SA after the client's DELETE"
    log "disconnected: DELETE answered by strongSwan, no SA left, TUN gone"
}

up() {
    [ -e /run/netns/$NS_GW ] && die "already up (run: $0 down)"
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    [ -x $CHARON ] && command -v swanctl > /dev/null && command -v pki > /dev/null || die "strongSwan not installed"
    ls "$TOP"/bundles/client/target/client-*.jar > /dev/null 2>&1 || die "client not built"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    net2_up $CLI; log "namespaces up ($NS_CLI, $NS_GW)"
    pki_make; gw_conf; log "PKI and strongSwan configuration in $RUN"
    charon_up
}

down() {
    stop_pids
    del_ns $NS_CLI $NS_GW
}

all() {
    trap down EXIT
    up
    connect
    log "all done"
}

case "${1:-all}" in
    all) all ;;
    up) up ;;
    down) down ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
esac
