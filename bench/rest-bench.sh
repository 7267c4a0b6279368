#!/usr/bin/env bash
# REST channel benchmark of the AOPay ResendOTP bundle (JVM mode), on this machine.
#
#   bench/rest-bench.sh            (from the repo root, or from anywhere)
#
# Measures, in one run, against a zero-latency nginx stand-in for AOPay on 127.0.0.1, every JVM
# with the image's JVM flags (POD_JVM_OPTS, lib.sh) and the bundle's outcome log as shipped:
#   1. wrk straight at the stand-in (baseline) and at the bundle, at -c16 and -c64: req/s,
#      p50/p99, non-200s; ratio bundle / stand-in (targets rest_ratio_c16, rest_ratio_c64)
#   2. added latency at a fixed 500 req/s (open loop, bench/OpenLoop.java): p50/p99 of
#      the bundle minus those of the stand-in; target: added p99 <= 5 ms
#   3. start-up to ready (GET /q/health/ready = 200), x3 rounds of: the floor app (bench/floor),
#      the bundle with its embedded broker, the bundle with an external broker (bench/Broker.java);
#      ratios over the round's floor (startup_ratio_emb, startup_ratio_ext)
#   4. RSS (VmRSS) idle after start, bundle / floor (idle_rss_ratio), and the bundle's peak
#      under load (0.5 s samples; peak_rss)
# Prints a Markdown table and writes it to bench/results/rest-latest.md.
#
# Needs: java 17+, curl, wrk, nginx (wrk and nginx are apt-get installed when missing and
# running as root). Builds target/quarkus-app/quarkus-run.jar when it is missing.
# Knobs (environment): WARMUP_S=15 BUNDLE_WARMUP_S=60 DURATION_S=30 WRK_THREADS=2 WRK_CONNS=16 WRK_CONNS_HIGH=64 RATE=500
# RATE_WARMUP_S=5 RATE_DURATION_S=30 STARTUP_RUNS=3 IDLE_SETTLE_S=5 JAVA_OPTS="" KEEP_TMP=0
# QUIET_MAX_PCT=20 QUIET_WAIT_S=120: before each measured phase, wait (at most QUIET_WAIT_S)
# for a 3 s window in which the machine uses <= QUIET_MAX_PCT % of one core; the CPU that
# other processes used during each phase is reported in the table either way.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=rest-bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

WARMUP_S=${WARMUP_S:-15}
# The bundle's first warm-up is longer: on 2 cores the JIT (C2) takes 17-31 % of the bundle's CPU
# for its first minute under load, and a -c16 run measured after 15 s gave about half the
# requests a second of the same JVM warm (docs/benchmarks.md, "REST: where a request's time goes").
# A pod serves warm; the benchmark measures it warm.
BUNDLE_WARMUP_S=${BUNDLE_WARMUP_S:-60}
DURATION_S=${DURATION_S:-30}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNS=${WRK_CONNS:-16}
RATE=${RATE:-500}
RATE_WARMUP_S=${RATE_WARMUP_S:-5}
RATE_DURATION_S=${RATE_DURATION_S:-30}
STARTUP_RUNS=${STARTUP_RUNS:-3}
IDLE_SETTLE_S=${IDLE_SETTLE_S:-5}
JAVA_OPTS=${JAVA_OPTS:-}
KEEP_TMP=${KEEP_TMP:-0}

API_PATH=/api/v1/resend-otp
RESULTS_FILE="$RESULTS_DIR/rest-latest.md"
ADDED_P99_TARGET=$(target_value rest_added_p99)
WRK_CONNS_HIGH=${WRK_CONNS_HIGH:-64}
STARTUP_RATIO_TARGET=$(target_value startup_ratio_emb)
STARTUP_EXT_RATIO_TARGET=$(target_value startup_ratio_ext)
IDLE_RATIO_TARGET=$(target_value idle_rss_ratio)
RATIO_C16_TARGET=$(target_value rest_ratio_c16)
RATIO_C64_TARGET=$(target_value rest_ratio_c64)
PEAK_RSS_TARGET=$(target_value peak_rss)

bench_start

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
find_nginx
if ! command -v wrk >/dev/null 2>&1 || [ -z "$NGINX" ]; then
  apt_install wrk nginx
fi
require_tools java curl wrk ss awk
ensure_jar
ensure_floor
ensure_cds bundle
ensure_cds floor
# The runtime class path, for bench/Broker.java (the external broker of the start-up runs)
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt" \
  >"$TMP/classpath.log" 2>&1 || { tail -20 "$TMP/classpath.log" >&2; die "dependency:build-classpath"; }
CLIENT_CP=$(cat "$TMP/classpath.txt")

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
kv() {  # kv FILE KEY: value of KEY=value on the line starting with BENCH / OPENLOOP
  kv_line '^(BENCH|OPENLOOP) ' "$@"
}
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------
machine_info
WRK_VERSION=$( { wrk -v 2>&1 || true; } | head -1 | awk '{ print $1, $2 }')
NGINX_VERSION=$( { "$NGINX" -v 2>&1 || true; } | sed 's/^nginx version: //')
log "machine: $NPROC cores ($CPU_MODEL), $MEM, $JAVA_VERSION"

wait_quiet "the start"
PRE_BUSY=$QUIET_BUSY

# ---------------------------------------------------------------------------
# 1. The AOPay stand-in: nginx on 127.0.0.1, its own config, pid, logs, temp dirs
# ---------------------------------------------------------------------------
start_nginx

# ---------------------------------------------------------------------------
# The bundle
# ---------------------------------------------------------------------------
rest_bundle() {  # rest_bundle LOGFILE: sets BUNDLE_PID, BUNDLE_PORT, LAUNCH_NS (see start_bundle)
  start_bundle "$1" "http://127.0.0.1:$NGINX_PORT"
}

ready_once() {  # one GET /q/health/ready with bash's /dev/tcp (no fork): true on 200
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$MANAGEMENT_PORT"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 2>/dev/null || true
  IFS= read -r -t 2 line <&3 || true
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1."[01]" 200"* ]]
}

wait_ready_ns() {  # wait_ready_ns LOGFILE: polls /q/health/ready every ~20 ms (max 60 s); sets READY_NS
  local deadline=$(( $(now_ns) + 60000000000 ))
  while [ "$(now_ns)" -lt "$deadline" ]; do
    if ready_once; then
      READY_NS=$(now_ns)
      return 0
    fi
    kill -0 "$BUNDLE_PID" 2>/dev/null || { tail -40 "$1" >&2; die "the bundle exited during start-up"; }
    sleep 0.02
  done
  tail -40 "$1" >&2
  die "the bundle was not ready within 60 s"
}

started_in() {  # Quarkus' own "started in X.XXXs" (waits up to 2 s for the line)
  local i s
  for i in $(seq 1 20); do
    s=$(grep -oE 'started in [0-9]+\.[0-9]+s' "$1" | head -1 | grep -oE '[0-9]+\.[0-9]+' || true)
    [ -n "$s" ] && { echo "$s"; return 0; }
    sleep 0.1
  done
  echo "n/a"
}

# ---------------------------------------------------------------------------
# 4. Start-up to ready, STARTUP_RUNS times (each a fresh JVM)
# ---------------------------------------------------------------------------
STARTUP_READY=()
STARTUP_QUARKUS=()
STARTUP_RSS=()
STARTUP_OTHER=()
FLOOR_READY=()
EXT_READY=()
STARTUP_RATIO=()
EXT_RATIO=()
ready_s() { awk -v a="$READY_NS" -v b="$LAUNCH_NS" 'BEGIN { printf "%.3f", (a - b) / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" -v p="${3:-2}" 'BEGIN { if (b > 0) printf "%." p "f", a / b; else print "n/a" }'; }
# The external broker of the third start-up of each run: the bundle's broker code in its own JVM
start_broker "$TMP/external-broker.log" "$(mktemp -d "$TMP/external-broker.XXXX")"
wait_quiet "the start-up runs"
for run in $(seq 1 "$STARTUP_RUNS"); do
  # (a) the floor app, (b) the bundle with its embedded broker, (c) the bundle with the
  # external broker: one after the other, so each ratio compares runs of the same moment
  blog="$TMP/floor-startup-$run.log"
  sb0=$(sys_busy)
  start_floor "$blog"
  wait_ready_ns "$blog"
  sb1=$(sys_busy)
  FLOOR_OTHER=$(other_pct "$sb0" "$sb1" "$(cpu_ticks "$BUNDLE_PID")" $((READY_NS - LAUNCH_NS)))
  STARTUP_OTHER+=("$FLOOR_OTHER")
  FLOOR_READY+=("$(ready_s)")
  if [ "$run" = 1 ]; then
    sleep "$IDLE_SETTLE_S"
    FLOOR_IDLE_RSS_KB=$(rss_kb "$BUNDLE_PID")
  fi
  stop_pid "$BUNDLE_PID"

  blog="$TMP/bundle-startup-$run.log"
  sb0=$(sys_busy)
  rest_bundle "$blog"
  wait_ready_ns "$blog"
  sb1=$(sys_busy)
  STARTUP_OTHER+=("$(other_pct "$sb0" "$sb1" "$(cpu_ticks "$BUNDLE_PID")" $((READY_NS - LAUNCH_NS)))")
  ready_s=$(ready_s)
  STARTUP_READY+=("$ready_s")
  STARTUP_QUARKUS+=("$(started_in "$blog")")
  STARTUP_RSS+=("$(mib "$(rss_kb "$BUNDLE_PID")")")
  STARTUP_RATIO+=("$(ratio "$ready_s" "${FLOOR_READY[-1]}")")
  stop_pid "$BUNDLE_PID"

  blog="$TMP/bundle-ext-startup-$run.log"
  sb0=$(sys_busy)
  EXTERNAL_BROKER_PORT=$EXTERNAL_PORT rest_bundle "$blog"
  wait_ready_ns "$blog"
  sb1=$(sys_busy)
  STARTUP_OTHER+=("$(other_pct "$sb0" "$sb1" "$(cpu_ticks "$BUNDLE_PID" "$BROKER_PID")" $((READY_NS - LAUNCH_NS)))")
  EXT_READY+=("$(ready_s)")
  EXT_RATIO+=("$(ratio "${EXT_READY[-1]}" "${FLOOR_READY[-1]}")")
  stop_pid "$BUNDLE_PID"
  log "start-up run $run: floor ${FLOOR_READY[-1]} s; bundle ${ready_s} s (x${STARTUP_RATIO[-1]}; Quarkus: started in ${STARTUP_QUARKUS[-1]} s, RSS at ready ${STARTUP_RSS[-1]} MiB); with the external broker ${EXT_READY[-1]} s (x${EXT_RATIO[-1]})"
done
stop_pid "$BROKER_PID"
WORST_RATIO=$(printf '%s\n' "${STARTUP_RATIO[@]}" | sort -g | tail -1)
WORST_EXT_RATIO=$(printf '%s\n' "${EXT_RATIO[@]}" | sort -g | tail -1)

# ---------------------------------------------------------------------------
# 2a. wrk baseline: straight at the stand-in
# ---------------------------------------------------------------------------
run_wrk() {  # run_wrk NAME URL SECONDS: output in $TMP/wrk-NAME.txt, CPU in $TMP/wrk-NAME.times
  local out="$TMP/wrk-$1.txt"
  (
    timeout --foreground $(( $3 + 30 )) wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"${3}s" --timeout 5s --latency \
      -s "$BENCH_DIR/post.lua" "$2" >"$out" 2>&1 || echo "wrk exit $?" >>"$out"
    times >"$out.times"
  )
  grep -q '^BENCH ' "$out" || { cat "$out" >&2; die "wrk $1 printed no result"; }
}
wrk_cpu_s() {  # user+sys seconds of the wrk child, from the subshell's `times`
  sed -n 2p "$1" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); n += a[1] * 60 + a[2] } printf "%.2f", n }'
}

log "wrk -> stand-in: warm-up ${WARMUP_S} s"
run_wrk standin-warmup "$STANDIN_URL" "$WARMUP_S"
wait_quiet "wrk -> stand-in"
log "wrk -> stand-in: measured ${DURATION_S} s"
n0=$(cpu_ticks "${NGINX_PIDS[@]}"); s0=$(sys_busy); t0=$(now_ns)
run_wrk standin "$STANDIN_URL" "$DURATION_S"
n1=$(cpu_ticks "${NGINX_PIDS[@]}"); s1=$(sys_busy); t1=$(now_ns)
OTHER_WRK_STANDIN=$(other_pct "$s0" "$s1" $((n1 - n0 + $(child_ticks "$TMP/wrk-standin.txt.times"))) $((t1 - t0)))
STANDIN_NGINX_CPU=$(awk -v t=$((n1 - n0)) -v hz="$CLK_TCK" -v d="$DURATION_S" 'BEGIN { printf "%.0f", 100 * t / hz / d }')
STANDIN_WRK_CPU=$(awk -v c="$(wrk_cpu_s "$TMP/wrk-standin.txt.times")" -v d="$DURATION_S" 'BEGIN { printf "%.0f", 100 * c / d }')

# ---------------------------------------------------------------------------
# The bundle for the load runs: idle RSS, a functional check, then load
# ---------------------------------------------------------------------------
BLOG="$TMP/bundle-load.log"
rest_bundle "$BLOG"
wait_ready_ns "$BLOG"
log "bundle on 127.0.0.1:$BUNDLE_PORT (pid $BUNDLE_PID); idle ${IDLE_SETTLE_S} s before reading RSS"
sleep "$IDLE_SETTLE_S"
IDLE_RSS_KB=$(rss_kb "$BUNDLE_PID")
BUNDLE_URL="http://127.0.0.1:$BUNDLE_PORT$API_PATH"

code=$(curl -s -o "$TMP/bundle-check.json" -w '%{http_code}' --max-time 15 -X POST \
  -H 'Content-Type: application/json' -d "$REQUEST_BODY" "$BUNDLE_URL" || true)
log "functional check: HTTP $code $(head -c 300 "$TMP/bundle-check.json")"
[ "$code" = 200 ] || { tail -40 "$BLOG" >&2; die "the bundle did not answer 200 to a valid request"; }

bundle_alive() {  # the load numbers mean nothing if the bundle went away mid-run
  kill -0 "$BUNDLE_PID" 2>/dev/null && return 0
  tail -15 "$BLOG" >&2
  die "the bundle (pid $BUNDLE_PID) exited during '$1' (see its log above; a SIGTERM from outside shows as 'Shutdown thread')"
}

# RSS sampler: every 0.5 s while the bundle lives, bounded in count
RSS_SAMPLES="$TMP/rss-samples.txt"
MAX_SAMPLES=$(( (WARMUP_S + BUNDLE_WARMUP_S + 2 * DURATION_S + 2 * RATE_WARMUP_S + 2 * RATE_DURATION_S + 4 * QUIET_WAIT_S + 300) * 2 ))
start_rss_sampler "$BUNDLE_PID" "$RSS_SAMPLES" "$MAX_SAMPLES"

# ---------------------------------------------------------------------------
# 2b. wrk at the bundle
# ---------------------------------------------------------------------------
log "wrk -> bundle: warm-up ${BUNDLE_WARMUP_S} s"
run_wrk bundle-warmup "$BUNDLE_URL" "$BUNDLE_WARMUP_S"
bundle_alive "wrk warm-up"
wait_quiet "wrk -> bundle"
log "wrk -> bundle: measured ${DURATION_S} s"
b0=$(cpu_ticks "$BUNDLE_PID"); n0=$(cpu_ticks "${NGINX_PIDS[@]}"); s0=$(sys_busy); t0=$(now_ns)
run_wrk bundle "$BUNDLE_URL" "$DURATION_S"
bundle_alive "wrk measured run"
b1=$(cpu_ticks "$BUNDLE_PID"); n1=$(cpu_ticks "${NGINX_PIDS[@]}"); s1=$(sys_busy); t1=$(now_ns)
OTHER_WRK_BUNDLE=$(other_pct "$s0" "$s1" $((b1 - b0 + n1 - n0 + $(child_ticks "$TMP/wrk-bundle.txt.times"))) $((t1 - t0)))
BUNDLE_JVM_CPU=$(awk -v t=$((b1 - b0)) -v hz="$CLK_TCK" -v d="$DURATION_S" 'BEGIN { printf "%.0f", 100 * t / hz / d }')
BUNDLE_NGINX_CPU=$(awk -v t=$((n1 - n0)) -v hz="$CLK_TCK" -v d="$DURATION_S" 'BEGIN { printf "%.0f", 100 * t / hz / d }')
BUNDLE_WRK_CPU=$(awk -v c="$(wrk_cpu_s "$TMP/wrk-bundle.txt.times")" -v d="$DURATION_S" 'BEGIN { printf "%.0f", 100 * c / d }')

# ---------------------------------------------------------------------------
# 2c. The same at -c$WRK_CONNS_HIGH (a caller with a big pool): stand-in, then bundle
# ---------------------------------------------------------------------------
WRK_CONNS_LOW=$WRK_CONNS
WRK_CONNS=$WRK_CONNS_HIGH
wait_quiet "wrk -c$WRK_CONNS -> stand-in"
log "wrk -c$WRK_CONNS -> stand-in: measured ${DURATION_S} s"
n0=$(cpu_ticks "${NGINX_PIDS[@]}" "$BUNDLE_PID"); s0=$(sys_busy); t0=$(now_ns)
run_wrk standin-high "$STANDIN_URL" "$DURATION_S"
n1=$(cpu_ticks "${NGINX_PIDS[@]}" "$BUNDLE_PID"); s1=$(sys_busy); t1=$(now_ns)
OTHER_WRK_STANDIN_HIGH=$(other_pct "$s0" "$s1" $((n1 - n0 + $(child_ticks "$TMP/wrk-standin-high.txt.times"))) $((t1 - t0)))
log "wrk -c$WRK_CONNS -> bundle: warm-up ${WARMUP_S} s"
run_wrk bundle-high-warmup "$BUNDLE_URL" "$WARMUP_S"
bundle_alive "wrk -c$WRK_CONNS warm-up"
wait_quiet "wrk -c$WRK_CONNS -> bundle"
log "wrk -c$WRK_CONNS -> bundle: measured ${DURATION_S} s"
n0=$(cpu_ticks "${NGINX_PIDS[@]}" "$BUNDLE_PID"); s0=$(sys_busy); t0=$(now_ns)
run_wrk bundle-high "$BUNDLE_URL" "$DURATION_S"
bundle_alive "wrk -c$WRK_CONNS measured run"
n1=$(cpu_ticks "${NGINX_PIDS[@]}" "$BUNDLE_PID"); s1=$(sys_busy); t1=$(now_ns)
OTHER_WRK_BUNDLE_HIGH=$(other_pct "$s0" "$s1" $((n1 - n0 + $(child_ticks "$TMP/wrk-bundle-high.txt.times"))) $((t1 - t0)))
WRK_CONNS=$WRK_CONNS_LOW

# ---------------------------------------------------------------------------
# 3. Fixed rate (open loop): stand-in, then bundle
# ---------------------------------------------------------------------------
printf '%s' "$REQUEST_BODY" >"$TMP/request.json"
run_open_loop() {  # run_open_loop NAME URL
  local out="$TMP/openloop-$1.txt" s0 s1 t0 t1 o0 o1
  wait_quiet "the fixed-rate run against the $1"
  log "open loop ${RATE} req/s -> $1: ${RATE_WARMUP_S} s warm-up + ${RATE_DURATION_S} s"
  o0=$(cpu_ticks "$BUNDLE_PID" "${NGINX_PIDS[@]}"); s0=$(sys_busy); t0=$(now_ns)
  (
    timeout --foreground $(( RATE_WARMUP_S + RATE_DURATION_S + 90 )) \
      java -Xms64m -Xmx256m "$BENCH_DIR/OpenLoop.java" "$2" "$TMP/request.json" \
        "$RATE" "$RATE_WARMUP_S" "$RATE_DURATION_S" 5 2000 >"$out" 2>&1 || echo "open loop exit $?" >>"$out"
    times >"$out.times"
  )
  o1=$(cpu_ticks "$BUNDLE_PID" "${NGINX_PIDS[@]}"); s1=$(sys_busy); t1=$(now_ns)
  grep -q '^OPENLOOP ' "$out" || { cat "$out" >&2; die "open loop $1 printed no result"; }
  OTHER_OL=$(other_pct "$s0" "$s1" $((o1 - o0 + $(child_ticks "$out.times"))) $((t1 - t0)))
}
run_open_loop standin "$STANDIN_URL"
bundle_alive "fixed-rate run against the stand-in"
OTHER_OL_STANDIN=$OTHER_OL
run_open_loop bundle "$BUNDLE_URL"
bundle_alive "fixed-rate run"
OTHER_OL_BUNDLE=$OTHER_OL

stop_pid "$SAMPLER_PID"
PEAK_RSS_KB=$(sort -n "$RSS_SAMPLES" | tail -1)
N_SAMPLES=$(wc -l <"$RSS_SAMPLES")
HWM_KB=$(hwm_kb "$BUNDLE_PID")
stop_pid "$BUNDLE_PID"
stop_pid "$NGINX_PID"

# ---------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------
W_S="$TMP/wrk-standin.txt"; W_B="$TMP/wrk-bundle.txt"
W_SH="$TMP/wrk-standin-high.txt"; W_BH="$TMP/wrk-bundle-high.txt"
O_S="$TMP/openloop-standin.txt"; O_B="$TMP/openloop-bundle.txt"
B_NON200=$(kv "$W_B" non200)
B_SOCKERR=$(( $(kv "$W_B" err_connect) + $(kv "$W_B" err_read) + $(kv "$W_B" err_write) + $(kv "$W_B" err_timeout) ))
BH_ERR=$(( $(kv "$W_BH" non200) + $(kv "$W_BH" err_connect) + $(kv "$W_BH" err_read) + $(kv "$W_BH" err_write) + $(kv "$W_BH" err_timeout) ))
RATIO_C16=$(ratio "$(kv "$W_B" rps)" "$(kv "$W_S" rps)" 3)
RATIO_C64=$(ratio "$(kv "$W_BH" rps)" "$(kv "$W_SH" rps)" 3)
S_NON200=$(kv "$W_S" non200)
S_SOCKERR=$(( $(kv "$W_S" err_connect) + $(kv "$W_S" err_read) + $(kv "$W_S" err_write) + $(kv "$W_S" err_timeout) ))
OL_B_BAD=$(( $(kv "$O_B" non200) + $(kv "$O_B" failed) + $(kv "$O_B" dropped) + $(kv "$O_B" unfinished) ))
OL_S_BAD=$(( $(kv "$O_S" non200) + $(kv "$O_S" failed) + $(kv "$O_S" dropped) + $(kv "$O_S" unfinished) ))
ADDED_P50=$(sub "$(kv "$O_B" p50_ms)" "$(kv "$O_S" p50_ms)")
ADDED_P99=$(sub "$(kv "$O_B" p99_ms)" "$(kv "$O_S" p99_ms)")
ZERO_ERRORS_MET=no; [ "$B_NON200" = 0 ] && [ "$B_SOCKERR" = 0 ] && [ "$BH_ERR" = 0 ] && [ "$OL_B_BAD" = 0 ] && ZERO_ERRORS_MET=yes
ADDED_MET=$(yesno "$ADDED_P99" "$ADDED_P99_TARGET")
[ "$OL_B_BAD" = 0 ] && [ "$OL_S_BAD" = 0 ] || ADDED_MET="no (errors)"
QUIET_MET=yes
for v in "${STARTUP_OTHER[@]}" "$OTHER_WRK_STANDIN" "$OTHER_WRK_BUNDLE" "$OTHER_WRK_STANDIN_HIGH" "$OTHER_WRK_BUNDLE_HIGH" "$OTHER_OL_STANDIN" "$OTHER_OL_BUNDLE"; do
  [ "$v" -le "$QUIET_MAX_PCT" ] || QUIET_MET="no: numbers disturbed by other work"
done
IDLE_MIB=$(mib "$IDLE_RSS_KB"); PEAK_MIB=$(mib "$PEAK_RSS_KB"); HWM_MIB=$(mib "$HWM_KB")
FLOOR_IDLE_MIB=$(mib "$FLOOR_IDLE_RSS_KB")
IDLE_RATIO=$(ratio "$IDLE_RSS_KB" "$FLOOR_IDLE_RSS_KB")

{
  echo "## REST benchmark: POST $API_PATH (JVM mode)"
  echo
  echo "- date: $RUN_DATE; commit: $COMMIT"
  echo "- machine: nproc=$NPROC ($CPU_MODEL), memory $MEM"
  echo "- java: $JAVA_VERSION; the image's JVM flags for a ${POD_MEMORY_MIB}Mi pod: ${POD_JVM_OPTS[*]}; JAVA_OPTS='${JAVA_OPTS}'"
  echo "- the outcome log as shipped (one INFO line a request); floor: bench/floor (platform-http, YAML DSL, health, one route), same JVM flags; class data sharing (an AppCDS archive each, as the image ships): $([ "$BENCH_CDS" = 1 ] && echo on || echo off)"
  echo "- tools: $WRK_VERSION, nginx $NGINX_VERSION (1 worker, \`return 200\`), open loop: bench/OpenLoop.java (JDK HttpClient)"
  echo "- wrk: -t$WRK_THREADS -c$WRK_CONNS, ${WARMUP_S} s warm-up (the bundle's first: ${BUNDLE_WARMUP_S} s) + ${DURATION_S} s measured; fixed rate: ${RATE} req/s, ${RATE_WARMUP_S} s warm-up + ${RATE_DURATION_S} s measured"
  echo "- everything (wrk, nginx, the bundle, the open-loop client) shares the same $NPROC cores on 127.0.0.1"
  echo
  echo "| measure | target | value | met? |"
  echo "| --- | --- | --- | --- |"
  echo "| wrk -> nginx stand-in (baseline): throughput | reference | $(fmt1 "$(kv "$W_S" rps)") req/s, p50 $(kv "$W_S" p50_ms) ms, p99 $(kv "$W_S" p99_ms) ms; non-200 $S_NON200, socket errors $S_SOCKERR | n/a |"
  echo "| wrk -> bundle: throughput | reference | $(fmt1 "$(kv "$W_B" rps)") req/s, p50 $(kv "$W_B" p50_ms) ms, p99 $(kv "$W_B" p99_ms) ms ($(kv "$W_B" requests) requests) | n/a |"
  echo "| **REST ratio at -c$WRK_CONNS** (bundle / stand-in, same run) | >= $RATIO_C16_TARGET | $RATIO_C16 | $(yesno_ge "$RATIO_C16" "$RATIO_C16_TARGET") |"
  echo "| wrk -c$WRK_CONNS_HIGH -> stand-in / -> bundle | reference | $(fmt1 "$(kv "$W_SH" rps)") / $(fmt1 "$(kv "$W_BH" rps)") req/s; bundle p50 $(kv "$W_BH" p50_ms) ms, p99 $(kv "$W_BH" p99_ms) ms; bundle errors $BH_ERR | n/a |"
  echo "| **REST ratio at -c$WRK_CONNS_HIGH** (bundle / stand-in, same run) | >= $RATIO_C64_TARGET | $RATIO_C64 | $(yesno_ge "$RATIO_C64" "$RATIO_C64_TARGET") |"
  echo "| wrk -> bundle: non-200 / socket errors | 0 | $B_NON200 / $B_SOCKERR | $([ "$B_NON200" = 0 ] && [ "$B_SOCKERR" = 0 ] && echo yes || echo no) |"
  echo "| CPU during wrk -> bundle (of $((NPROC * 100))%) | info | bundle ${BUNDLE_JVM_CPU}%, nginx ${BUNDLE_NGINX_CPU}%, wrk ${BUNDLE_WRK_CPU}% (baseline run: nginx ${STANDIN_NGINX_CPU}%, wrk ${STANDIN_WRK_CPU}%) | n/a |"
  echo "| ${RATE} req/s -> stand-in: p50 / p99 | reference | $(kv "$O_S" p50_ms) / $(kv "$O_S" p99_ms) ms (max $(kv "$O_S" max_ms) ms; sent at $(kv "$O_S" send_rate) req/s; $(kv "$O_S" ok200) x 200, $OL_S_BAD errors) | n/a |"
  echo "| ${RATE} req/s -> bundle: p50 / p99 | reference | $(kv "$O_B" p50_ms) / $(kv "$O_B" p99_ms) ms (max $(kv "$O_B" max_ms) ms; sent at $(kv "$O_B" send_rate) req/s; $(kv "$O_B" ok200) x 200, $OL_B_BAD errors) | n/a |"
  echo "| added p50 at ${RATE} req/s (bundle - stand-in) | info | $ADDED_P50 ms | n/a |"
  echo "| **added p99 at ${RATE} req/s** (bundle - stand-in) | <= $ADDED_P99_TARGET ms | $ADDED_P99 ms | $ADDED_MET |"
  for i in "${!STARTUP_READY[@]}"; do
    echo "| start-up to ready, run $((i + 1)): floor / bundle (embedded broker) / bundle (external broker) | reference | ${FLOOR_READY[$i]} / ${STARTUP_READY[$i]} / ${EXT_READY[$i]} s (bundle: Quarkus \"started in\" ${STARTUP_QUARKUS[$i]} s; RSS at ready ${STARTUP_RSS[$i]} MiB) | n/a |"
  done
  echo "| **start-up ratio, embedded broker** (bundle / floor, worst run) | <= $STARTUP_RATIO_TARGET x | x$WORST_RATIO (runs: $(IFS=/; echo "${STARTUP_RATIO[*]}")) | $(yesno "$WORST_RATIO" "$STARTUP_RATIO_TARGET") |"
  echo "| **start-up ratio, external broker** (bundle / floor, worst run) | <= $STARTUP_EXT_RATIO_TARGET x | x$WORST_EXT_RATIO (runs: $(IFS=/; echo "${EXT_RATIO[*]}")) | $(yesno "$WORST_EXT_RATIO" "$STARTUP_EXT_RATIO_TARGET") |"
  echo "| **idle RSS ratio** (VmRSS ${IDLE_SETTLE_S} s after ready, no request yet: bundle / floor) | <= $IDLE_RATIO_TARGET x | x$IDLE_RATIO ($IDLE_MIB / $FLOOR_IDLE_MIB MiB) | $(yesno "$IDLE_RATIO" "$IDLE_RATIO_TARGET") |"
  echo "| **peak RSS under load** (VmRSS every 0.5 s, $N_SAMPLES samples) | <= $PEAK_RSS_TARGET MiB | $PEAK_MIB MiB (kernel VmHWM: $HWM_MIB MiB) | $(yesno "$PEAK_MIB" "$PEAK_RSS_TARGET") |"
  echo "| CPU used by other processes (not this benchmark), % of one core | <= ${QUIET_MAX_PCT}% (quiet machine) | before: ${PRE_BUSY}%; start-up runs: $(IFS=/; echo "${STARTUP_OTHER[*]}")% (incl. the ready poller); wrk stand-in ${OTHER_WRK_STANDIN}%, wrk bundle ${OTHER_WRK_BUNDLE}%; -c$WRK_CONNS_HIGH stand-in ${OTHER_WRK_STANDIN_HIGH}%, bundle ${OTHER_WRK_BUNDLE_HIGH}%; ${RATE} req/s stand-in ${OTHER_OL_STANDIN}%, bundle ${OTHER_OL_BUNDLE}% | $QUIET_MET |"
  echo "| all load requests answered 200 (wrk + fixed rate, bundle) | 0 errors | wrk $B_NON200 non-200 + $B_SOCKERR socket errors; fixed rate $OL_B_BAD | $ZERO_ERRORS_MET |"
  echo
  echo "<details><summary>raw results</summary>"
  echo
  echo '```'
  for f in "$W_S" "$W_B" "$W_SH" "$W_BH" "$O_S" "$O_B"; do
    echo "== $(basename "$f")"
    grep -vE '^\s*$' "$f"
  done
  echo '```'
  echo
  echo "</details>"
} >"$TMP/table.md"

publish_table

summary rps "$(fmt1 "$(kv "$W_B" rps)")"
summary p50_ms "$(kv "$W_B" p50_ms)"
summary p99_ms "$(kv "$W_B" p99_ms)"
summary requests "$(kv "$W_B" requests)"
summary wrk_errors "$((B_NON200 + B_SOCKERR))"
summary standin_rps "$(fmt1 "$(kv "$W_S" rps)")"
summary wrk_setup "-t$WRK_THREADS -c$WRK_CONNS, ${DURATION_S} s"
summary rate "$RATE"
summary added_p99_ms "$ADDED_P99"
summary added_p50_ms "$ADDED_P50"
summary ol_p99_ms "$(kv "$O_B" p99_ms) / $(kv "$O_S" p99_ms)"
summary ol_errors "$((OL_B_BAD + OL_S_BAD))"
summary rps_high "$(fmt1 "$(kv "$W_BH" rps)")"
summary standin_rps_high "$(fmt1 "$(kv "$W_SH" rps)")"
summary wrk_errors_high "$BH_ERR"
summary conns "$WRK_CONNS"
summary conns_high "$WRK_CONNS_HIGH"
summary ratio_c16 "$RATIO_C16"
summary ratio_c64 "$RATIO_C64"
summary startup_s "${STARTUP_READY[*]}"
summary startup_ext_s "${EXT_READY[*]}"
summary floor_startup_s "${FLOOR_READY[*]}"
summary startup_ratio "$WORST_RATIO"
summary startup_ratios "${STARTUP_RATIO[*]}"
summary startup_ext_ratio "$WORST_EXT_RATIO"
summary startup_ext_ratios "${EXT_RATIO[*]}"
summary floor_idle_rss_mib "$FLOOR_IDLE_MIB"
summary idle_rss_ratio "$IDLE_RATIO"
summary startup_quarkus_s "${STARTUP_QUARKUS[*]}"
summary startup_cds "$BENCH_CDS"
summary idle_rss_mib "$IDLE_MIB"
summary peak_rss_mib "$PEAK_MIB"
summary quiet "$QUIET_MET"
