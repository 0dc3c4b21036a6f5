# Shared by the security scripts in this directory: a copy of the distribution with a test etc overlay, and
# flexgate-interop.sh driving it in namespaces of its own. Source it; set OVERLAY (a function that edits
# the etc/ directory given as $1) first.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
export FG_RUN=${FG_RUN:-/tmp/flexgate-security}
export FG_NS=${FG_NS:-fgs}
ORIGINAL_DIST=${FG_DIST:-$(ls "$TOP"/karaf-assembly/target/flexgate-distribution-*.tar.gz 2>/dev/null | head -n 1)}
WORK=$(mktemp -d /tmp/flexgate-overlay.XXXXXX)
# A snapshot of the interop script: bash reads a script as it runs, so an edit to the original during a
# run would break it. The snapshot sources lib.sh from its own directory: a copy of that goes beside it.
INTEROP=$WORK/flexgate-interop.sh
cp "$TOP/itests/interop/flexgate-interop.sh" "$INTEROP"
cp "$TOP/itests/interop/lib.sh" "$WORK/lib.sh"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$HERE/../lib.sh"

finish() {
    bash "$INTEROP" down > /dev/null 2>&1 || true
    rm -rf "$WORK"
}

# Unpacks the distribution, lets OVERLAY edit its etc/, packs it again and points FG_DIST at the copy.
overlay_dist() {
    [ -f "$ORIGINAL_DIST" ] || die "no distribution archive (mvn -B install -DskipTests -pl features,karaf-assembly)"
    mkdir "$WORK/dist"
    tar -xzf "$ORIGINAL_DIST" -C "$WORK/dist"
    local top; top=$(ls "$WORK/dist")
    overlay "$WORK/dist/$top/etc"
    tar -czf "$WORK/dist.tar.gz" -C "$WORK/dist" "$top"
    export FG_DIST=$WORK/dist.tar.gz
}

# The FlexGate JVM inside the gateway namespace.
flexgate_java_pid() {
    local p
    for p in $(ip netns pids "$FG_NS-gw"); do
        [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && { echo "$p"; return; }
    done
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
