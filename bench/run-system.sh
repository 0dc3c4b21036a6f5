#!/usr/bin/env bash
#
# System benchmark: FlexGate and a strongSwan responder, in turn, as the gateway of the same namespaces, driven
# by the same clients; prints ONE table (figure, FlexGate, strongSwan, ratio, goal of issue 12).
#
#   fgb-cli  cli0 198.18.0.2/24 ---veth--- gw-out 198.18.0.1/24  fgb-gw  (FlexGate, or charon + kernel-libipsec)
#            strongSwan client (libipsec)   gw-in 10.0.1.254/24 ---veth--- srv0 10.0.1.10/24  fgb-srv (iperf3 -s)
#            ./flexgate load
#
# Per gateway: (4) boot to serving IKE (launch until UDP 500 answers an IKE_SA_INIT, bench/ike-probe.py; a first
# start from a fresh extract BOOT_RUNS times, then one restart of the last),
# (1) iperf3 TCP through the tunnel both ways (IPERF_SECONDS each), Mbit/s and gateway CPU seconds per Gbit
# (utime+stime+cutime+cstime of the gateway process from /proc/PID/stat), (2) iperf3 UDP 64-byte payloads, packets/s
# delivered, (3) ./flexgate load with SESSIONS sessions (held 0 s, deleted at once): setups/s, p50/p99 and
# gateway CPU ms per established SA. Medians over RUNS runs (BOOT_RUNS boots).
#
# Usage:  bench/run-system.sh [all | flexgate | strongswan | load-only | boot-only | down]     (root; nothing outside the namespaces)
#         bench/run-system.sh table SAMPLES...   (the table again from samples.txt files of earlier runs)
# Env:    FGB_NS (prefix, default fgb), FGB_RUN (default /tmp/fgb-system), FGB_RUNS (3), FGB_BOOT_RUNS (3),
#         FGB_SESSIONS (300), FGB_WARMUP_SESSIONS (unmeasured sessions per warm-up run, default SESSIONS), FGB_WARMUP_RUNS (10), FGB_RATE (offered setups/s, 1000), FGB_IPERF_SECONDS (10), FGB_UDP_SECONDS (5),
#         FGB_UDP_RATE (offered UDP bandwidth, 200M), FGB_SW_DH (strongSwan's DH order), FGB_JFR=1 (JFR profile of FlexGate during the load runs:
#         $FGB_RUN/load.jfr, summarised by bench/jfr-top.py), FG_DIST (distribution archive), FGB_BOOT_ONLY=1 (boots only),
#         FGB_CA_KEY_TYPE (EC: first-start CA on P-384), FGB_CRYPTO_PROVIDER (auto|corretto|jdk), FGB_JAVA_OPTS (extra JVM options),
#         FGB_ASPROF (path of async-profiler's libasyncProfiler.so: collapsed CPU stacks of the measured runs), FGB_CLIENT_JFR=1 (JFR profile of each measured load generator run: $FGB_RUN/load-client-GW-N.jfr),
#         FGB_DH (the load generator offers only these IANA groups, e.g. 14 for the MODP-2048 goal; default: its own list).
# Every load is bounded in count and time: iperf3 -t, load --sessions, and `timeout` around each client.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/.." && pwd)
NS=${FGB_NS:-fgb}
RUN=${FGB_RUN:-/tmp/fgb-system}
RUNS=${FGB_RUNS:-3}
BOOT_RUNS=${FGB_BOOT_RUNS:-3}
SESSIONS=${FGB_SESSIONS:-300}
# Unmeasured load runs first, for both gateways alike: a JVM compiles its hot paths during the first thousand or
# so setups, which is a one-time cost of a gateway that then runs for months (its CPU is in the thread table).
WARMUP_RUNS=${FGB_WARMUP_RUNS:-10}
RATE=${FGB_RATE:-1000}
IPERF_SECONDS=${FGB_IPERF_SECONDS:-10}
UDP_SECONDS=${FGB_UDP_SECONDS:-5}
UDP_RATE=${FGB_UDP_RATE:-200M}
# strongSwan's DH preference. The load generator offers ECP-256 first (then Curve25519, MODP-2048) with a KE for
# ECP-256, and FlexGate's default IKE proposal prefers ECP-256 too; the same order here means no INVALID_KE round
# trip and the same DH on both gateways. FGB_SW_DH=curve25519-ecp256-modp2048 makes strongSwan answer INVALID_KE
# and set up with X25519 (the group of issue 12's anchor).
SW_DH=${FGB_SW_DH:-ecp256-curve25519-modp2048}
DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
NS_CLI=$NS-cli NS_GW=$NS-gw NS_SRV=$NS-srv
GW=198.18.0.1 SRV=10.0.1.10
SERVER_NAME=vpn.flexgate.test USER_NAME=test PASSWORD=cisco123
CHARON=/usr/lib/ipsec/charon
BOOT_TIMEOUT=180
# Seconds a load run may take beyond SESSIONS / RATE (the generator's own bound is 60 s after the last start).
LOAD_SLACK=120
CLK_TCK=$(getconf CLK_TCK)

# t0, die, nsx and java17 as the interop scripts have them; the log here goes to standard error (standard output
# is the result) with a wider seconds field.
# shellcheck source-path=SCRIPTDIR source=../itests/interop/lib.sh
. "$TOP/itests/interop/lib.sh"
log() { printf '[%7.2fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{print a-b}')" "$*" >&2; }

bg_ns() {  # bg_ns NAME NETNS LOGFILE CMD...
    local name=$1 ns=$2 out=$3; shift 3
    rm -f "$RUN/pids/$name.pid"
    ip netns exec "$ns" sh -c 'echo $$ > "$0"; exec "$@"' "$RUN/pids/$name.pid" "$@" < /dev/null > "$out" 2>&1 &
    for _ in $(seq 1 100); do [ -s "$RUN/pids/$name.pid" ] && return 0; sleep 0.02; done
    die "$name did not start"
}

stop_pid() {  # stop_pid NAME: TERM, bounded wait, KILL
    local f=$RUN/pids/$1.pid p
    [ -f "$f" ] || return 0
    p=$(cat "$f")
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do
        { [ -d /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status 2>/dev/null; } || break
        sleep 0.2
    done
    kill -9 "$p" 2>/dev/null || true
    rm -f "$f"
}

# utime + stime of the process, plus its waited-for children's (cutime + cstime): FlexGate runs `ip route` per
# session (bundles/tun IpRoute2), and that CPU is the gateway's too.
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
# CPU ticks per thread family of PID (thread names with digits folded): "NAME TICKS" lines.
thread_ticks() {
    local t
    for t in /proc/$1/task/*; do
        sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$t/stat" 2>/dev/null
    done | awk -F'|' '{ split($2, f, " "); name = $1; gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name); ticks[name] += f[11] + f[12] }
        END { for (n in ticks) print n, ticks[n] }' | sort
}
# CPU ticks of a JVM's JIT compiler threads (C1/C2 CompilerThreadN); 0 for a process without them (charon).
jit_ticks() {
    thread_ticks "$1" | awk '$1 ~ /^C[12N]_CompilerThre/ { t += $2 } END { print t + 0 }'
}
sample() { echo "$1 $2 $3" >> "$RUN/samples.txt"; log "  $1 $2 = $3"; }

net_up() {
    for ns in $NS_CLI $NS_GW $NS_SRV; do ip netns add $ns; nsx $ns ip link set lo up; done
    ip link add cli0 netns $NS_CLI type veth peer name gw-out netns $NS_GW
    ip link add gw-in netns $NS_GW type veth peer name srv0 netns $NS_SRV
    nsx $NS_CLI ip addr add 198.18.0.2/24 dev cli0
    nsx $NS_CLI ip link set cli0 up
    nsx $NS_GW ip addr add $GW/24 dev gw-out
    nsx $NS_GW ip addr add 10.0.1.254/24 dev gw-in
    nsx $NS_GW ip link set gw-out up
    nsx $NS_GW ip link set gw-in up
    nsx $NS_SRV ip addr add $SRV/24 dev srv0
    nsx $NS_SRV ip link set srv0 up
    nsx $NS_SRV ip route add 192.168.0.0/16 via 10.0.1.254
    nsx $NS_GW sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
    nsx $NS_CLI ping -c1 -W2 $GW > /dev/null || die "veth client -> gateway"
    bg_ns iperf3-srv $NS_SRV "$RUN/iperf3-srv.log" iperf3 -s -B $SRV
}

# ---- gateways -------------------------------------------------------------------------------------------

gw_pid() {  # the gateway's main process (java or charon) in the gateway namespace
    local p
    for p in $(ip netns pids $NS_GW); do
        case "$(cat /proc/$p/comm 2>/dev/null)" in java|charon) echo "$p"; return ;; esac
    done
}

flexgate_start() {
    local d=$RUN/fg
    rm -rf "$d"; mkdir -p "$d"
    tar -xzf "$RUN/dist.tar.gz" -C "$d" --strip-components=1
    printf 'fqdn = %s\naddress = %s\n' $SERVER_NAME $GW > "$d/etc/io.flexgate.pki.cfg"
    # FGB_CA_KEY_TYPE=EC: the first-start CA key as ECDSA P-384 instead of RSA-3072 (its generation is the largest
    # single item of a first boot); FGB_CRYPTO_PROVIDER: crypto.provider of io.flexgate.ikev2 and io.flexgate.pki
    # (auto|corretto|jdk).
    if [ -n "${FGB_CA_KEY_TYPE:-}" ]; then echo "ca.key.type = $FGB_CA_KEY_TYPE" >> "$d/etc/io.flexgate.pki.cfg"; fi
    if [ -n "${FGB_CRYPTO_PROVIDER:-}" ]; then
        sed -i '/^crypto.provider/d' "$d/etc/io.flexgate.ikev2.cfg"
        echo "crypto.provider = $FGB_CRYPTO_PROVIDER" >> "$d/etc/io.flexgate.ikev2.cfg"
        echo "crypto.provider = $FGB_CRYPTO_PROVIDER" >> "$d/etc/io.flexgate.pki.cfg"
    fi
    # A pool for the load (10.0.0.0/8 split stays): 192.168.10.0/24 plus 192.168.128.0/17.
    sed -i 's/^ranges = .*/ranges = 192.168.10.5 192.168.10.254, 192.168.128.1 192.168.255.254/' \
        "$d/etc/io.flexgate.pool-ACP00L.cfg"
    # One load source address: lift the per-source half-open limit and the cookie threshold, as for strongSwan.
    sed -i -e 's/^half.open.per.source = .*/half.open.per.source = 100000/' \
        -e 's/^cookie.challenge = .*/cookie.challenge = 100000/' -e 's/^half.open.limit = .*/half.open.limit = 100000/' \
        "$d/etc/io.flexgate.ikev2.cfg"
    flexgate_launch
}

# Starts the distribution in $RUN/fg as it is: after flexgate_start, a restart (its trustpoint exists).
flexgate_launch() {
    local d=$RUN/fg
    local jh; jh=$(java17)
    local launch; launch=$(date +%s.%N)
    bg_ns gateway $NS_GW "$RUN/fg.stdout" env JAVA_HOME="$jh" FLEXGATE_HEAP=${FGB_HEAP:-512m} \
        EXTRA_JAVA_OPTS="${FGB_JAVA_OPTS:-}" "$d/bin/karaf" server
    BOOT=$(nsx $NS_CLI python3 "$HERE/ike-probe.py" $GW "$launch" $BOOT_TIMEOUT) \
        || die "FlexGate did not answer IKE within ${BOOT_TIMEOUT}s (see $d/data/log/karaf.log)"
    CA=$d/data/flexgate/pki/ca.crt
    for _ in $(seq 1 300); do [ -s "$CA" ] && break; sleep 0.1; done
    [ -s "$CA" ] || die "FlexGate exported no CA certificate"
}

flexgate_restart() { gateway_stop; flexgate_launch; }
strongswan_restart() { gateway_stop; strongswan_start; }

strongswan_pki() {
    local p=$RUN/sw-pki
    [ -s $p/gw.pem ] && return
    mkdir -p $p
    pki --gen --type rsa --size 2048 --outform pem 2>/dev/null > $p/ca.key
    pki --self --ca --lifetime 30 --in $p/ca.key --dn "CN=fgb strongSwan CA" --outform pem 2>/dev/null > $p/ca.pem
    pki --gen --type rsa --size 2048 --outform pem 2>/dev/null > $p/gw.key
    pki --pub --in $p/gw.key 2>/dev/null | pki --issue --lifetime 30 --cacert $p/ca.pem --cakey $p/ca.key \
        --dn "CN=$SERVER_NAME" --san $SERVER_NAME --san $GW --flag serverAuth --outform pem 2>/dev/null > $p/gw.pem
}

strongswan_start() {
    local d=$RUN/sw
    rm -rf "$d"; mkdir -p $d/run $d/swanctl/{x509,x509ca,private,conf.d}
    strongswan_pki
    cp $RUN/sw-pki/gw.pem $d/swanctl/x509/; cp $RUN/sw-pki/gw.key $d/swanctl/private/
    cat > $d/strongswan.conf <<EOF
charon {
    load = random nonce openssl kdf pem pkcs1 pkcs8 x509 pubkey revocation constraints curve25519 kernel-libipsec kernel-netlink socket-default vici attr eap-identity eap-mschapv2
    dos_protection = no
    block_threshold = 100000
    cookie_threshold = 100000
    init_limit_half_open = 0
    filelog {
        gw {
            path = $d/charon.log
            time_format = %H:%M:%S
            append = no
            default = 1
        }
    }
    plugins {
        vici {
            socket = unix://$d/run/charon.vici
        }
    }
}
EOF
    cat > $d/swanctl/swanctl.conf <<EOF
connections {
    rw {
        version = 2
        local_addrs = $GW
        pools = rw_pool
        proposals = aes128gcm16-prfsha256-$SW_DH, aes256-sha256-$SW_DH
        unique = never
        local {
            auth = pubkey
            certs = gw.pem
            id = $SERVER_NAME
        }
        remote {
            auth = eap-mschapv2
            eap_id = %any
        }
        children {
            rw {
                local_ts = 10.0.0.0/8
                esp_proposals = aes128gcm16, aes256gcm16, aes256-sha256
                dpd_action = clear
            }
        }
    }
}
pools {
    rw_pool {
        addrs = 192.168.128.0/17
        dns = 10.0.1.1
        subnet = 10.0.0.0/8
    }
}
secrets {
    eap-test {
        id = $USER_NAME
        secret = "$PASSWORD"
    }
}
EOF
    local launch; launch=$(date +%s.%N)
    bg_ns gateway $NS_GW $d/charon.stdout env STRONGSWAN_CONF=$d/strongswan.conf SWANCTL_DIR=$d/swanctl \
        unshare -m --propagation private sh -c "mount --bind $d/run /run && exec $CHARON"
    for _ in $(seq 1 200); do [ -S $d/run/charon.vici ] && break; sleep 0.02; done
    STRONGSWAN_CONF=$d/strongswan.conf SWANCTL_DIR=$d/swanctl swanctl --load-all --noprompt --uri unix://$d/run/charon.vici \
        > $d/load-all.txt 2>&1 || { cat $d/load-all.txt; die "strongSwan gateway: swanctl --load-all"; }
    BOOT=$(nsx $NS_CLI python3 "$HERE/ike-probe.py" $GW "$launch" $BOOT_TIMEOUT) || die "strongSwan did not answer IKE"
    CA=$RUN/sw-pki/ca.pem
}

gateway_stop() {
    stop_pid gateway
    local p; for p in $(ip netns pids $NS_GW); do kill -9 "$p" 2>/dev/null || true; done
}

# ---- the strongSwan client with userspace ESP -----------------------------------------------------------

swanctl_cli() {
    STRONGSWAN_CONF=$RUN/cli/strongswan.conf SWANCTL_DIR=$RUN/cli/swanctl swanctl "$@" --uri unix://$RUN/cli/run/charon.vici
}

client_up() {
    local d=$RUN/cli
    rm -rf $d; mkdir -p $d/run $d/swanctl/{x509,x509ca,private,conf.d}
    cp "$CA" $d/swanctl/x509ca/gateway-ca.pem
    cat > $d/strongswan.conf <<EOF
charon {
    load = random nonce openssl kdf pem pkcs1 pkcs8 x509 pubkey revocation constraints curve25519 kernel-libipsec kernel-netlink socket-default vici eap-identity eap-mschapv2 resolve
    filelog {
        cli {
            path = $d/charon.log
            time_format = %H:%M:%S
            default = 1
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
    cat > $d/swanctl/swanctl.conf <<EOF
connections {
    bench {
        version = 2
        remote_addrs = $GW
        vips = 0.0.0.0
        proposals = aes128gcm16-prfsha256-curve25519
        local {
            auth = eap-mschapv2
            id = $USER_NAME
            eap_id = $USER_NAME
        }
        remote {
            auth = pubkey
            id = $SERVER_NAME
        }
        children {
            bench {
                remote_ts = 0.0.0.0/0
                esp_proposals = aes128gcm16
            }
        }
    }
}
secrets {
    eap-test {
        id = $USER_NAME
        secret = "$PASSWORD"
    }
}
EOF
    bg_ns client $NS_CLI $d/charon.stdout env STRONGSWAN_CONF=$d/strongswan.conf SWANCTL_DIR=$d/swanctl \
        unshare -m --propagation private sh -c "mount --bind $d/run /run && exec $CHARON"
    for _ in $(seq 1 200); do [ -S $d/run/charon.vici ] && swanctl_cli --stats > /dev/null 2>&1 && break; sleep 0.05; done
    swanctl_cli --load-all > $d/load-all.txt 2>&1 || { cat $d/load-all.txt; die "client swanctl --load-all"; }
    swanctl_cli --initiate --ike bench --child bench --timeout 30 > $d/initiate.txt 2>&1 \
        || { tail -20 $d/initiate.txt; die "strongSwan client could not connect"; }
    nsx $NS_CLI ping -c2 -i0.2 -W2 $SRV > /dev/null || die "no ping through the tunnel"
}

client_down() {
    swanctl_cli --terminate --ike bench --timeout 10 > /dev/null 2>&1 || true
    stop_pid client
}

# ---- measurements ---------------------------------------------------------------------------------------

iperf_tcp() {  # iperf_tcp GW LABEL [-R]
    local gw=$1 label=$2; shift 2
    local pid c0 c1 json=$RUN/iperf-$gw-$label-$r.json
    pid=$(gw_pid); c0=$(cpu_ticks $pid); j0=$(jit_ticks $pid)
    nsx $NS_CLI timeout $((IPERF_SECONDS + 30)) iperf3 -c $SRV -t $IPERF_SECONDS -J "$@" > "$json" || true
    c1=$(cpu_ticks $pid); j1=$(jit_ticks $pid)
    python3 - "$json" $((c1 - c0)) $CLK_TCK <<'PY' > $RUN/iperf.out
import json, sys
j = json.load(open(sys.argv[1]))
if "error" in j: print("nan nan"); sys.exit()
s = j["end"]["sum_received"]
gbit = s["bytes"] * 8 / 1e9
cpu = int(sys.argv[2]) / int(sys.argv[3])
print("%.0f %.2f" % (s["bits_per_second"] / 1e6, cpu / gbit if gbit else float("nan")))
PY
    read -r mbit cpu < $RUN/iperf.out
    sample $gw "tcp_${label}_mbit" "$mbit"
    sample $gw "tcp_${label}_cpu_per_gbit" "$cpu"
}

iperf_udp64() {  # iperf_udp64 GW
    local json=$RUN/iperf-$1-udp64-$r.json
    nsx $NS_CLI timeout $((UDP_SECONDS + 30)) iperf3 -c $SRV -u -l 64 -b $UDP_RATE -t $UDP_SECONDS -J > "$json" || true
    local pps; pps=$(python3 - "$json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
if "error" in j: print("nan"); sys.exit()
s = j["end"]["sum"]
print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"]))
PY
)
    sample $1 udp64_pps "$pps"
}

load_run() {  # load_run GW [warmup]
    local gw=$1 out=$RUN/load-$1-$r.txt pid c0 c1
    local jopts=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
    if [ "${FGB_CLIENT_JFR:-0}" = 1 ] && [ "${2:-}" != warmup ]; then
        jopts="$jopts -XX:StartFlightRecording=settings=profile,filename=$RUN/load-client-$gw-$r.jfr"
    fi
    pid=$(gw_pid); c0=$(cpu_ticks $pid); j0=$(jit_ticks $pid)
    echo $PASSWORD | nsx $NS_CLI env JAVA_TOOL_OPTIONS="$jopts" timeout $((SESSIONS / RATE + LOAD_SLACK)) "$TOP/flexgate" load $GW --ca "$CA" \
        --server-name $SERVER_NAME --method mschapv2 --user $USER_NAME --sessions $SESSIONS --rate $RATE --hold 0 \
        ${FGB_DH:+--dh $FGB_DH} > "$out" 2>&1 || true
    c1=$(cpu_ticks $pid); j1=$(jit_ticks $pid)
    if [ "${2:-}" = warmup ]; then log "  warm-up: $(grep -E '^sessions' "$out" || tail -1 "$out")"; return; fi
    local ok; ok=$(sed -nE 's/^sessions [0-9]+, established ([0-9]+).*/\1/p' "$out")
    [ -n "$ok" ] && [ "$ok" -gt 0 ] || { tail -5 "$out"; log "load run established nothing"; return; }
    grep -E '^failures' "$out" >&2 || true
    sample $gw load_established "$ok"
    sample $gw setups_per_s "$(sed -nE 's/^setups\/s ([0-9.]+)/\1/p' "$out")"
    sample $gw setup_p50_ms "$(sed -nE 's/^latency p50 ([0-9.]+) ms.*/\1/p' "$out")"
    sample $gw setup_p99_ms "$(sed -nE 's/.*p99 ([0-9.]+) ms/\1/p' "$out")"
    sample $gw cpu_ms_per_sa "$(awk -v t=$((c1 - c0)) -v h=$CLK_TCK -v n=$ok 'BEGIN{printf "%.2f", t * 1000 / h / n}')"
    sample $gw cpu_ms_per_sa_nojit "$(awk -v t=$((c1 - c0 - j1 + j0)) -v h=$CLK_TCK -v n=$ok 'BEGIN{printf "%.2f", t * 1000 / h / n}')"
}

bench_gateway() {  # bench_gateway flexgate|strongswan
    local gw=$1
    for r in $(seq 1 $BOOT_RUNS); do
        ${gw}_start
        sample $gw boot_s "$BOOT"
        if [ $r -lt $BOOT_RUNS ]; then gateway_stop; fi
    done
    # Once more without the first start's work (FlexGate: the trustpoint exists; strongSwan: the same start).
    ${gw}_restart
    sample $gw boot_restart_s "$BOOT"
    log "$gw serving (pid $(gw_pid))"
    if [ "${FGB_BOOT_ONLY:-0}" = 1 ]; then gateway_stop; return; fi
    if [ "${FGB_SKIP_ESP:-0}" != 1 ]; then
        client_up
        log "$gw: strongSwan client connected, iperf3"
        for r in $(seq 1 $RUNS); do
            iperf_tcp $gw up
            iperf_tcp $gw down -R
            iperf_udp64 $gw
        done
        client_down
    fi
    log "$gw: load generator, $SESSIONS sessions at $RATE/s"
    if [ "$gw" = flexgate ] && [ "${FGB_JFR:-0}" = 1 ]; then
        # A first recording through the warm-up, thrown away: starting JFR compiles its own code, which would
        # otherwise land in the measured window (it tripled the JIT threads' CPU per SA there).
        jcmd "$(gw_pid)" JFR.start name=fgb-warm settings=profile filename=$RUN/warm-up.jfr > /dev/null
    fi
    for r in $(seq 1 "$WARMUP_RUNS"); do SESSIONS=${FGB_WARMUP_SESSIONS:-$SESSIONS} load_run $gw warmup; done; r=0
    if [ "$gw" = flexgate ] && [ "${FGB_JFR:-0}" = 1 ]; then
        jcmd "$(gw_pid)" JFR.stop name=fgb-warm > /dev/null
        jcmd "$(gw_pid)" JFR.start name=fgb settings=${FGB_JFR_SETTINGS:-profile} filename=$RUN/load.jfr > /dev/null
    fi
    if [ -n "${FGB_ASPROF:-}" ]; then  # async-profiler's libasyncProfiler.so: CPU samples of the measured runs (jcmd wants the options quoted)
        jcmd "$(gw_pid)" JVMTI.agent_load "$FGB_ASPROF" "\"start,event=${FGB_ASPROF_EVENT:-itimer},interval=1ms,threads\"" > /dev/null || true
    fi
    thread_ticks "$(gw_pid)" > $RUN/threads-$gw-before.txt
    for r in $(seq 1 $RUNS); do load_run $gw; done
    thread_ticks "$(gw_pid)" > $RUN/threads-$gw-after.txt
    if [ -n "${FGB_ASPROF:-}" ]; then
        jcmd "$(gw_pid)" JVMTI.agent_load "$FGB_ASPROF" "\"stop,file=$RUN/profile-$gw.collapsed,collapsed\"" > /dev/null || true
        log "async-profiler samples: $RUN/profile-$gw.collapsed"
    fi
    # Gateway CPU of the measured load runs per thread family (JIT compiler, GC, IKE workers, ...), ms per SA.
    join -a 2 -e 0 -o 0,1.2,2.2 $RUN/threads-$gw-before.txt $RUN/threads-$gw-after.txt \
        | awk -v h=$CLK_TCK -v n=$((SESSIONS * RUNS)) '$3 > $2 { printf "%-24s %8.2f ms/SA\n", $1, ($3 - $2) * 1000 / h / n }' \
        | sort -k2 -nr > $RUN/threads-$gw.txt
    log "$gw CPU per thread family during the load runs:"; cat $RUN/threads-$gw.txt >&2
    if [ "$gw" = flexgate ] && [ "${FGB_JFR:-0}" = 1 ]; then
        jcmd "$(gw_pid)" JFR.stop name=fgb > /dev/null && log "JFR profile: $RUN/load.jfr"
    fi
    gateway_stop
}

table() {  # table [SAMPLES_FILE]
    python3 - "${1:-$RUN/samples.txt}" <<'PY'
import statistics, sys
rows = [
    ("ESP TCP client->server, Mbit/s", "tcp_up_mbit", ">= 3x strongSwan", "high"),
    ("ESP TCP server->client, Mbit/s", "tcp_down_mbit", ">= 3x strongSwan", "high"),
    ("gateway CPU s per Gbit, up", "tcp_up_cpu_per_gbit", "reported", "low"),
    ("gateway CPU s per Gbit, down", "tcp_down_cpu_per_gbit", "reported", "low"),
    ("UDP 64 B delivered, packets/s", "udp64_pps", ">= 150000 pkt/s", "high"),
    ("setups/s (load generator)", "setups_per_s", ">= 2x strongSwan", "high"),
    ("setup latency p50, ms", "setup_p50_ms", "-", "low"),
    ("setup latency p99, ms", "setup_p99_ms", "-", "low"),
    ("gateway CPU ms per SA", "cpu_ms_per_sa", "<= 1.0 ms (2.8x better)", "low"),
    ("  the same without JIT compiling", "cpu_ms_per_sa_nojit", "(a one-time cost; see docs)", "low"),
    ("boot to serving IKE, s", "boot_s", "<= 6 s", "low"),
    ("  the same, a restart", "boot_restart_s", "(no first-start keys)", "low"),
]
data = {}
for line in open(sys.argv[1]):
    gw, key, value = line.split()
    try:
        v = float(value)
    except ValueError:
        continue
    if v == v:
        data.setdefault((gw, key), []).append(v)
def med(gw, key):
    v = data.get((gw, key))
    return (statistics.median(v), len(v)) if v else (None, 0)
def fmt(x):
    return "-" if x is None else ("%.0f" % x if abs(x) >= 100 else "%.2f" % x)
print("%-32s %12s %12s %8s  %s" % ("figure (median of n)", "FlexGate", "strongSwan", "FG/sS", "goal (issue 12)"))
for label, key, goal, _ in rows:
    f, nf = med("flexgate", key)
    s, ns = med("strongswan", key)
    ratio = "-" if f is None or s in (None, 0) else "%.2f" % (f / s)
    print("%-32s %12s %12s %8s  %s" % (label, fmt(f) + " (%d)" % nf, fmt(s) + " (%d)" % ns, ratio, goal))
PY
}

down() {
    for f in "$RUN"/pids/*.pid; do [ -f "$f" ] && stop_pid "$(basename "$f" .pid)"; done
    for ns in $NS_CLI $NS_GW $NS_SRV; do
        local p; for p in $(ip netns pids $ns 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
        ip netns del $ns 2>/dev/null || true
    done
}

prepare() {
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    [ -e /run/netns/$NS_GW ] && die "namespaces $NS-* exist (run: $0 down)"
    [ -x $CHARON ] && command -v iperf3 > /dev/null || die "needs strongswan-charon, strongswan-swanctl, strongswan-pki, iperf3"
    [ -n "$DIST" ] && [ -f "$DIST" ] || die "no distribution archive (mvn -B install -DskipTests -pl features,karaf-assembly)"
    rm -rf "$RUN"; mkdir -p "$RUN/pids"
    cp "$DIST" "$RUN/dist.tar.gz"   # a private copy: others may rebuild the distribution meanwhile
    ls "$TOP"/bundles/client/target/client-*.jar > /dev/null 2>&1 || die "build the client first: ./flexgate load"
    {
        echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
        echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); git $(git -C "$TOP" rev-parse --short HEAD)"
        echo "# RUNS=$RUNS BOOT_RUNS=$BOOT_RUNS SESSIONS=$SESSIONS RATE=$RATE IPERF_SECONDS=$IPERF_SECONDS UDP_RATE=$UDP_RATE SW_DH=$SW_DH${FGB_DH:+ FGB_DH=$FGB_DH}"
    } | tee "$RUN/header.txt" >&2
    : > "$RUN/samples.txt"
}

main() {
    local which=${1:-all}
    case $which in
        down) down; return ;;
        table) shift; local merged; merged=$(mktemp); cat "$@" > "$merged"; table "$merged"; rm -f "$merged"; return ;;
        all) set -- flexgate strongswan ;;
        flexgate|strongswan) set -- $which ;;
        load-only) FGB_SKIP_ESP=1; set -- flexgate strongswan ;;
        boot-only) FGB_BOOT_ONLY=1; set -- flexgate strongswan ;;
        *) sed -n '2,22p' "$0"; exit 2 ;;
    esac
    prepare
    trap down EXIT
    net_up
    log "namespaces $NS-* up"
    for gw in "$@"; do bench_gateway $gw; done
    cat "$RUN/header.txt"
    table | tee "$RUN/table.txt"
}

main "$@"
