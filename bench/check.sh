#!/usr/bin/env bash
# Cheap, CI-friendly check of the benchmark scripts; starts nothing and needs no jar:
#   bash -n of every bench/*.sh, shellcheck when it is installed, bench/targets.tsv well formed
#   and holding every target id the scripts ask for, and a few of lib.sh's helpers on known input.
#   bench/check.sh      (exit 0 = all good)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=check
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

FAILS=0
fail() { log "FAIL: $*"; FAILS=$((FAILS + 1)); }
expect() {  # expect WHAT GOT WANTED
  [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}

for f in "$BENCH_DIR"/*.sh "$REPO"/src/main/docker/*.sh; do
  bash -n "$f" || fail "bash -n ${f#"$REPO"/}"
done

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck -x -S warning "$BENCH_DIR"/*.sh || fail "shellcheck"
else
  log "shellcheck is not installed: skipped"
fi

# targets.tsv: five tab-separated fields a line; every id the scripts use is there
bad=$(awk -F'\t' '!/^#/ && NF > 0 && (NF != 5 || $1 == "" || $2 !~ /^(<=|>=|completes)$/) { print NR ": " $0 }' "$TARGETS_FILE")
[ -z "$bad" ] || fail "malformed lines in ${TARGETS_FILE#"$REPO"/}: $bad"
for id in $(grep -ohE '(target_value|target_text|target_field|meets|measure|met_of [a-z]+ ("[^"]*"|[a-z]+)) [a-z_0-9]+' \
    "$BENCH_DIR"/*-bench.sh "$BENCH_DIR/run-all.sh" | awk '{ print $NF }' | grep -E '_' | sort -u); do
  awk -F'\t' -v id="$id" '$1 == id { f = 1 } END { exit !f }' "$TARGETS_FILE" || fail "target '$id' is used but not in targets.tsv"
done
"$BENCH_DIR/run-all.sh" --targets >/dev/null || fail "run-all.sh --targets"

# lib.sh helpers on known input
expect "le 4.9 5" "$(le 4.9 5 && echo y || echo n)" y
expect "le 5.1 5" "$(le 5.1 5 && echo y || echo n)" n
expect "le '' 5" "$(le '' 5 && echo y || echo n)" n
expect "ge n/a 90" "$(ge n/a 90 && echo y || echo n)" n
expect "yesno 301.2 200" "$(yesno 301.2 200)" no
expect "meets rest_added_p99 2.8" "$(meets rest_added_p99 2.8 && echo y || echo n)" y
expect "meets jms_rate 720" "$(meets jms_rate 720 && echo y || echo n)" n
expect "target_text startup_ratio_ext" "$(target_text startup_ratio_ext)" "<= 1.5 x"
expect "meets rest_ratio_c64 0.072" "$(meets rest_ratio_c64 0.072 && echo y || echo n)" n
expect "meets csv_store_row 9000" "$(meets csv_store_row 9000 && echo y || echo n)" n
expect "yesno_ge 0.12 0.10" "$(yesno_ge 0.12 0.10)" yes
# the benchmarks run with the image's JVM flags (Dockerfile.jvm, deployment.yaml): found and read
expect "POD_JVM_OPTS" "${POD_JVM_OPTS[*]}" "-XX:MaxRAM=${POD_MEMORY_MIB}m -XX:MaxRAMPercentage=$(sed -n 's/^ENV JAVA_MAX_MEM_RATIO=//p' "$REPO/src/main/docker/Dockerfile.jvm") -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
# ... and the image and the base Deployment say the same (the Deployment's value replaces the image's)
for v in JAVA_MAX_MEM_RATIO GC_CONTAINER_OPTIONS GC_MIN_HEAP_FREE_RATIO GC_MAX_HEAP_FREE_RATIO; do
  expect "$v in Dockerfile.jvm and deployment.yaml" \
    "$(sed -n "s/^ENV $v=\"\{0,1\}\([^\"]*\)\"\{0,1\} *\$/\1/p" "$REPO/src/main/docker/Dockerfile.jvm" | head -1)" "$(pod_env "$v")"
done
[ -n "$POD_MEMORY_MIB" ] || fail "no memory limit found in k8s/base/deployment.yaml"
# ... and train their class-data-sharing archives with the image's own script (lib.sh ensure_cds)
[ -x "$REPO/src/main/docker/cds-training.sh" ] || fail "src/main/docker/cds-training.sh is missing or not executable"
for f in floor/pom.xml floor/src/main/resources/routes/floor.camel.yaml Broker.java JmsCeiling.java; do
  [ -f "$BENCH_DIR/$f" ] || fail "bench/$f is missing"
done
# the floor uses the bundle's versions
for v in quarkus.version camel-quarkus.version; do
  expect "bench/floor $v" "$(sed -n "s|.*<$v>\(.*\)</$v>.*|\1|p" "$BENCH_DIR/floor/pom.xml")" "$(sed -n "s|.*<$v>\(.*\)</$v>.*|\1|p" "$REPO/pom.xml")"
done
expect "target_text csv_big" "$(target_text csv_big)" "completes"
expect "mib 307200" "$(mib 307200)" "300.0"
port=$(free_port)
eph=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range)
[ "$port" -ge 20000 ] && [ "$port" -lt "$eph" ] || fail "free_port: $port is not in 20000..$((eph - 1)) (below the ephemeral range)"
tmp=$(mktemp -d /tmp/bench-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf 'noise\nJMSLOAD phase=measured msg_per_s=720.5 by_queue=a=1,b=2\nJMSLOAD phase=late x=1\n' >"$tmp/kv.txt"
expect "kv_line msg_per_s" "$(kv_line '^JMSLOAD ' "$tmp/kv.txt" msg_per_s)" "720.5"
expect "kv_line keeps '=' in values" "$(kv_line '^JMSLOAD ' "$tmp/kv.txt" by_queue)" "a=1,b=2"
printf '0m0.000s 0m0.000s\n1m2.500s 0m0.500s\n' >"$tmp/times.txt"
expect "child_ticks" "$(child_ticks "$tmp/times.txt")" "$(( 63 * CLK_TCK ))"
expect "other_pct" "$(other_pct 1000 $((1000 + 3 * CLK_TCK)) "$CLK_TCK" 2000000000)" 100

if [ "$FAILS" -gt 0 ]; then
  log "$FAILS check(s) failed"
  exit 1
fi
log "all good"
