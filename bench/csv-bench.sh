#!/usr/bin/env bash
# CSV drop-folder benchmark of the AOPay ResendOTP bundle (JVM mode), on this machine.
#
#   bench/csv-bench.sh            (from the repo root, or from anywhere)
#
# Measures, in one run, all on 127.0.0.1:
#   1. Throughput against the bound: a file of ROWS (100,000) rows, rows in flight
#      aopay.file.concurrency=CONCURRENCY (32), against a WireMock stand-in for AOPay that
#      answers after LATENCY_MS (50 ms). The bound is CONCURRENCY / LATENCY = 640 rows/s;
#      target: >= 90 % of it. Timed from the `mv` of the file into data/inbox to the
#      appearance of data/outbox/<name>.result.csv, and by the bundle's own summary line
#      ("CSV batch done: ... rows=N ... duration=Xms"). A WARMUP_ROWS file goes first.
#   2. Memory for a BIG_ROWS (1,000,000) row file with -Xmx256m: it must complete (every
#      row a SUCCESS result row); peak heap (jstat -gc every second: S0U+S1U+EU+OU) and peak
#      RSS (VmRSS every second, and the kernel's VmHWM). This run uses a zero-latency nginx
#      stand-in, so that it ends in minutes rather than the 26 min a 50 ms stand-in needs.
#   Heap and RSS are reported for both runs; both bundles run with -Xmx256m.
# Prints a Markdown table and writes it to bench/results/csv-latest.md.
#
# Needs: java 17+ (with jstat), curl, awk, nginx (apt-get installed when missing and running
# as root), WireMock standalone 3.13.2 in ~/.m2 (fetched with ./mvnw dependency:get when
# missing). Builds target/quarkus-app/quarkus-run.jar when it is missing.
# Knobs (environment): ROWS=100000 WARMUP_ROWS=3200 BIG_ROWS=1000000 CONCURRENCY=32
# LATENCY_MS=50 TARGET_PCT=90 HEAP=256m STABLE_FOR_MS=500 POLL_DELAY_MS=200
# TIMEOUT_S=900 (per file of ROWS) BIG_TIMEOUT_S=3600 JAVA_OPTS="" KEEP_TMP=0
# MAX_STORE_MIB=20480 MIN_FREE_MIB=10240: the run stops when the bundle's progress store
# (H2, data/work) grows past MAX_STORE_MIB or the disk has less than MIN_FREE_MIB free.
# QUIET_MAX_PCT=20 QUIET_WAIT_S=120: before each measured phase, wait (at most QUIET_WAIT_S)
# for a 3 s window in which the machine uses <= QUIET_MAX_PCT % of one core; the CPU that
# other processes used during each phase is reported in the table either way.
# SKIP_BIG=1 leaves out the 1,000,000-row run. CEILING_S=20: after the ROWS file, wrk -c CONCURRENCY
# straight at the same WireMock stand-in for this long, the stand-in's own ceiling at that
# concurrency (it answers a little after LATENCY_MS: its own work comes on top of the delay), reported
# beside the bound (info; the target stays the bound).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=csv-bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

ROWS=${ROWS:-100000}
WARMUP_ROWS=${WARMUP_ROWS:-3200}
BIG_ROWS=${BIG_ROWS:-1000000}
CONCURRENCY=${CONCURRENCY:-32}
LATENCY_MS=${LATENCY_MS:-50}
TARGET_PCT=${TARGET_PCT:-$(target_value csv_pct)}
STORE_ROW_TARGET=$(target_value csv_store_row)
HEAP=${HEAP:-256m}
STABLE_FOR_MS=${STABLE_FOR_MS:-500}
POLL_DELAY_MS=${POLL_DELAY_MS:-200}
TIMEOUT_S=${TIMEOUT_S:-900}
MAX_STORE_MIB=${MAX_STORE_MIB:-20480}
MIN_FREE_MIB=${MIN_FREE_MIB:-10240}
BIG_TIMEOUT_S=${BIG_TIMEOUT_S:-3600}
JAVA_OPTS=${JAVA_OPTS:-}
KEEP_TMP=${KEEP_TMP:-0}
SKIP_BIG=${SKIP_BIG:-0}
CEILING_S=${CEILING_S:-20}
WIREMOCK_VERSION=3.13.2

CSV_HEADER='Userkey,Mobile,AdhaarNumber,PrimaryKeyId,EncodeTxnId,RegistrationID'
RESULTS_FILE="$RESULTS_DIR/csv-latest.md"
BOUND=$(awk -v c="$CONCURRENCY" -v l="$LATENCY_MS" 'BEGIN { printf "%.0f", c * 1000 / l }')

for v in MAX_STORE_MIB MIN_FREE_MIB ROWS WARMUP_ROWS BIG_ROWS CONCURRENCY LATENCY_MS TARGET_PCT STABLE_FOR_MS POLL_DELAY_MS TIMEOUT_S BIG_TIMEOUT_S QUIET_MAX_PCT QUIET_WAIT_S; do
  val=${!v:-0}
  [[ "$val" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '$val')"
done
[ "$ROWS" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] && [ "$LATENCY_MS" -ge 1 ] || die "ROWS, CONCURRENCY and LATENCY_MS must be >= 1"

bench_start

# A sleep without a fork (the wait loops poll every 0.2 s for many minutes): read with a
# time-out from a FIFO this shell holds open for reading and writing, so nothing ever comes.
mkfifo "$TMP/sleep.fifo"
exec {SLEEP_FD}<>"$TMP/sleep.fifo"
nap() { read -r -t "$1" -u "$SLEEP_FD" _ || true; }

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
find_nginx
if [ -z "$NGINX" ] && [ "$SKIP_BIG" != 1 ]; then
  apt_install nginx
fi
command -v wrk >/dev/null 2>&1 || apt_install wrk
require_tools java jstat curl ss awk mkfifo wrk
ensure_jar
ensure_cds bundle

M2_REPO=${M2_REPO:-$HOME/.m2/repository}
WIREMOCK_JAR="$M2_REPO/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar"
if [ ! -f "$WIREMOCK_JAR" ]; then
  log "fetching WireMock standalone $WIREMOCK_VERSION (./mvnw dependency:get)"
  ./mvnw -B -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" || die "fetching WireMock"
fi
[ -f "$WIREMOCK_JAR" ] || die "$WIREMOCK_JAR missing"

# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------
machine_info
JAVA_GC=$(java "${POD_JVM_OPTS[@]}" "-Xmx$HEAP" -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 ~ /^Use(Serial|Parallel|G1|Z|Shenandoah)GC$/ && $4 == "true" { sub(/^Use/, "", $2); print $2 }' | head -1)
NGINX_VERSION=$( { "$NGINX" -v 2>&1 || true; } | sed 's/^nginx version: //')
log "machine: $NPROC cores ($CPU_MODEL), $MEM, $JAVA_VERSION, GC with -Xmx$HEAP: ${JAVA_GC:-?}"

wait_quiet "the start"
PRE_BUSY=$QUIET_BUSY

# ---------------------------------------------------------------------------
# The 50 ms stand-in: WireMock standalone, asynchronous delays (no thread held per delay)
# ---------------------------------------------------------------------------
WM="$TMP/wiremock"
mkdir -p "$WM/mappings" "$WM/__files"
ESCAPED_BODY=$(printf '%s' "$AOPAY_OK_BODY" | sed 's/\\/\\\\/g; s/"/\\"/g')
cat >"$WM/mappings/resend-ok.json" <<EOF
{
  "request": { "method": "POST", "url": "$RESEND_PATH" },
  "response": {
    "status": 200,
    "headers": { "Content-Type": "application/json" },
    "body": "$ESCAPED_BODY",
    "fixedDelayMilliseconds": $LATENCY_MS
  }
}
EOF
WIREMOCK_PORT=$(free_port) || die "no free port"
java -Xms64m -Xmx512m -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 \
  --root-dir "$WM" --no-request-journal --async-response-enabled true --async-response-threads 64 \
  --container-threads 100 --disable-banner >"$TMP/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
PIDS+=("$WIREMOCK_PID")
WIREMOCK_URL="http://127.0.0.1:$WIREMOCK_PORT"
check_standin "$WIREMOCK_URL$RESEND_PATH" "$WIREMOCK_PID" WireMock
STANDIN_MS=$(curl -s -o /dev/null -w '%{time_total}' --max-time 5 -X POST -H 'Content-Type: application/json' \
  -d "$REQUEST_BODY" "$WIREMOCK_URL$RESEND_PATH" | awk '{ printf "%.1f", $1 * 1000 }')
log "WireMock stand-in on 127.0.0.1:$WIREMOCK_PORT (pid $WIREMOCK_PID), one request took $STANDIN_MS ms"

# ---------------------------------------------------------------------------
# The bundle (start_bundle in lib.sh): -Xmx$HEAP, the CSV settings, staging/ for the files
# ---------------------------------------------------------------------------
BUNDLE_JVM_OPTS=("-Xmx$HEAP")
csv_bundle() {  # csv_bundle LOGFILE BASE_URL: sets BUNDLE_PID, BUNDLE_PORT, RUN_DIR
  start_bundle "$1" "$2" \
    -Daopay.file.concurrency="$CONCURRENCY" \
    -Daopay.file.stable-for-ms="$STABLE_FOR_MS" \
    -Daopay.file.poll-delay-ms="$POLL_DELAY_MS"
  mkdir -p "$RUN_DIR/data/inbox" "$RUN_DIR/staging"
}

# Heap sampler: one jstat process per bundle (reads the JVM's perf data, no attach, no
# fork per sample), one line a second, bounded in count.
JSTAT_PID=""
start_jstat() {  # start_jstat OUTFILE MAX_SAMPLES
  jstat -gc "$BUNDLE_PID" 1000 "$2" >"$1" 2>&1 &
  JSTAT_PID=$!
  PIDS+=("$JSTAT_PID")
}
# heap_stats FILE: "peak_used_kb peak_old_kb peak_committed_kb samples ygc fgc" from jstat -gc output
heap_stats() {
  awk '
    $1 == "S0C" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    !("S0C" in col) || $1 !~ /^[0-9.]+$/ { next }
    {
      used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
      comm = $col["S0C"] + $col["S1C"] + $col["EC"] + $col["OC"]
      if (used > pu) pu = used; if ($col["OU"] > po) po = $col["OU"]; if (comm > pc) pc = comm
      n++; ygc = $col["YGC"]; fgc = $col["FGC"]
    }
    END { printf "%.0f %.0f %.0f %d %s %s\n", pu, po, pc, n, (ygc == "" ? "?" : ygc), (fgc == "" ? "?" : fgc) }
  ' "$1"
}

make_csv() {  # make_csv FILE ROWS PREFIX
  awk -v n="$2" -v p="$3" -v h="$CSV_HEADER" 'BEGIN {
    print h
    for (i = 1; i <= n; i++) printf "AOP554N3X,9876543210,234123412346,%s-%d,DEMO,AOP-554\n", p, i
  }' >"$1"
}

# run_file NAME ROWS TIMEOUT_S LOGFILE: moves staging/NAME.csv into data/inbox and waits for
# data/outbox/NAME.result.csv (polled every 0.2 s, VmRSS sampled every second). Sets
# FILE_S (move -> result file), PEAK_RSS_KB, PEAK_STORE_KB (data/work, every 10 s), OTHER (CPU % of one core used by others),
# BUNDLE_CPU, STANDIN_CPU (% of one core), BATCH_ROWS, BATCH_MS, BATCH_LINE.
run_file() {
  local name=$1 rows=$2 timeout_s=$3 blog=$4 result deadline t0 t1 s0 s1 o0 o1 b0 b1 d0 d1 i=0 line store_kb free_kb
  result="$RUN_DIR/data/outbox/$name.result.csv"
  [ -e "$result" ] && die "$result exists already"
  PEAK_RSS_KB=0
  PEAK_STORE_KB=0
  o0=$(cpu_ticks "${OUR_PIDS[@]}"); s0=$(sys_busy); b0=$(cpu_ticks "$BUNDLE_PID"); d0=$(cpu_ticks "${STANDIN_PIDS[@]}")
  t0=$(now_ns)
  mv "$RUN_DIR/staging/$name.csv" "$RUN_DIR/data/inbox/$name.csv"
  deadline=$(( t0 + timeout_s * 1000000000 ))
  while :; do
    if [ -e "$result" ]; then t1=$(now_ns); break; fi
    if (( i % 5 == 0 )); then
      kill -0 "$BUNDLE_PID" 2>/dev/null || { tail -30 "$blog" >&2; die "the bundle (pid $BUNDLE_PID) exited while processing $name.csv"; }
      read_rss "$BUNDLE_PID"
      (( RSS_NOW > PEAK_RSS_KB )) && PEAK_RSS_KB=$RSS_NOW
      if (( i % 150 == 0 && i > 0 )); then
        log "  $name.csv: $(( ($(now_ns) - t0) / 1000000000 )) s, RSS $(mib "$RSS_NOW") MiB"
      fi
      [ "$(now_ns)" -lt "$deadline" ] || { tail -30 "$blog" >&2; die "no result file for $name.csv within $timeout_s s"; }
    fi
    if (( i % 50 == 0 )); then  # every 10 s: the progress store's size on disk, and a disk guard
      store_kb=$(du -sk "$RUN_DIR/data/work" 2>/dev/null | awk '{ print $1 }' || echo 0)
      (( ${store_kb:-0} > PEAK_STORE_KB )) && PEAK_STORE_KB=$store_kb
      (( ${store_kb:-0} <= MAX_STORE_MIB * 1024 )) || die "the progress store grew past MAX_STORE_MIB=$MAX_STORE_MIB MiB ($(mib "$store_kb") MiB); stopped to spare the disk"
      free_kb=$(df -Pk "$RUN_DIR" | awk 'NR == 2 { print $4 }')
      (( free_kb >= MIN_FREE_MIB * 1024 )) || die "less than MIN_FREE_MIB=$MIN_FREE_MIB MiB free on the disk; stopped"
    fi
    i=$((i + 1))
    nap 0.2
  done
  o1=$(cpu_ticks "${OUR_PIDS[@]}"); s1=$(sys_busy); b1=$(cpu_ticks "$BUNDLE_PID"); d1=$(cpu_ticks "${STANDIN_PIDS[@]}")
  store_kb=$(du -sk "$RUN_DIR/data/work" 2>/dev/null | awk '{ print $1 }' || echo 0)
  (( ${store_kb:-0} > PEAK_STORE_KB )) && PEAK_STORE_KB=$store_kb
  FILE_S=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", (a - b) / 1e9 }')
  OTHER=$(other_pct "$s0" "$s1" $((o1 - o0)) $((t1 - t0)))
  BUNDLE_CPU=$(pct_of_core $((b1 - b0)) $((t1 - t0)))
  STANDIN_CPU=$(pct_of_core $((d1 - d0)) $((t1 - t0)))
  # The summary line is logged before the result file is written; allow 2 s anyway.
  line=""
  for i in $(seq 1 20); do
    line=$(grep -F "CSV batch done: file=$name.csv " "$blog" | tail -1 || true)
    [ -n "$line" ] && break
    sleep 0.1
  done
  BATCH_LINE=${line#*CSV batch done: }
  BATCH_ROWS=$(printf '%s\n' "$line" | grep -oE ' rows=[0-9]+' | head -1 | cut -d= -f2 || true)
  BATCH_MS=$(printf '%s\n' "$line" | grep -oE ' duration=[0-9]+ms' | head -1 | grep -oE '[0-9]+' || true)
  log "  $name.csv: result file after $FILE_S s; bundle: ${BATCH_LINE:-no summary line}"
}

# check_result NAME ROWS: sets CHECK_ROWS CHECK_SUCCESS CHECK_INORDER and CHECK_OK (yes/no):
# the result file has ROWS data rows, each SUCCESS, with line numbers 2..ROWS+1 in order.
check_result() {
  local r
  r=$(awk -F, 'NR == 1 { next } { n++; if ($7 == "SUCCESS") s++; if ($1 == NR) o++ } END { printf "%d %d %d", n, s, o }' \
    "$RUN_DIR/data/outbox/$1.result.csv")
  read -r CHECK_ROWS CHECK_SUCCESS CHECK_INORDER <<<"$r"
  CHECK_OK=no
  [ "$CHECK_ROWS" = "$2" ] && [ "$CHECK_SUCCESS" = "$2" ] && [ "$CHECK_INORDER" = "$2" ] && CHECK_OK=yes
  log "  $1.result.csv: $CHECK_ROWS data rows, $CHECK_SUCCESS SUCCESS, $CHECK_INORDER in line order (expected $2): $CHECK_OK"
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "n/a" }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == a + 0 && b > 0) printf "%.1f", 100 * a / b; else print "n/a" }'; }

# ---------------------------------------------------------------------------
# Run 1: ROWS rows against the 50 ms stand-in
# ---------------------------------------------------------------------------
BLOG1="$TMP/bundle-throughput.log"
csv_bundle "$BLOG1" "$WIREMOCK_URL"
wait_ready "$BLOG1"
BUNDLE1_PID=$BUNDLE_PID
STANDIN_PIDS=("$WIREMOCK_PID")
log "bundle on 127.0.0.1:$BUNDLE_PORT (pid $BUNDLE_PID, -Xmx$HEAP), working dir $RUN_DIR"
start_jstat "$TMP/jstat-throughput.txt" $(( TIMEOUT_S * 2 + QUIET_WAIT_S + 600 ))
OUR_PIDS=("$BUNDLE_PID" "$WIREMOCK_PID" "$JSTAT_PID")
log "generating $WARMUP_ROWS + $ROWS rows"
make_csv "$RUN_DIR/staging/warmup.csv" "$WARMUP_ROWS" warm
make_csv "$RUN_DIR/staging/bench-$ROWS.csv" "$ROWS" row

if [ "$WARMUP_ROWS" -gt 0 ]; then
  log "warm-up: $WARMUP_ROWS rows"
  run_file warmup "$WARMUP_ROWS" "$TIMEOUT_S" "$BLOG1"
  check_result warmup "$WARMUP_ROWS"
  [ "$CHECK_OK" = yes ] || die "the warm-up result file is not $WARMUP_ROWS SUCCESS rows"
  WARMUP_RATE=$(rate "$WARMUP_ROWS" "$FILE_S")
fi
wait_quiet "the $ROWS-row file"
log "measured: $ROWS rows, concurrency $CONCURRENCY, stand-in latency $LATENCY_MS ms (bound $BOUND rows/s)"
run_file "bench-$ROWS" "$ROWS" "$TIMEOUT_S" "$BLOG1"
check_result "bench-$ROWS" "$ROWS"
T_FILE_S=$FILE_S; T_OTHER=$OTHER; T_BUNDLE_CPU=$BUNDLE_CPU; T_STANDIN_CPU=$STANDIN_CPU
T_BATCH_ROWS=$BATCH_ROWS; T_BATCH_MS=$BATCH_MS; T_BATCH_LINE=$BATCH_LINE
T_CHECK="$CHECK_ROWS rows, $CHECK_SUCCESS SUCCESS, $CHECK_INORDER in order"; T_CHECK_OK=$CHECK_OK
T_RATE=$(rate "$ROWS" "$T_FILE_S")
T_PCT=$(pct "$T_RATE" "$BOUND")
T_BATCH_RATE=$(rate "${T_BATCH_ROWS:-0}" "$(awk -v m="${T_BATCH_MS:-0}" 'BEGIN { print m / 1000 }')")
T_BATCH_PCT=$(pct "$T_BATCH_RATE" "$BOUND")
T_PEAK_RSS_KB=$PEAK_RSS_KB
T_PEAK_STORE_KB=$PEAK_STORE_KB
# bytes on disk per row: the store's peak (du of data/work, every 10 s) over the measured file's rows
T_STORE_B_ROW=$(awk -v k="${T_PEAK_STORE_KB:-0}" -v r="$ROWS" 'BEGIN { printf "%.0f", k * 1024 / r }')
T_HWM_KB=$(hwm_kb "$BUNDLE_PID")
stop_pid "$JSTAT_PID"
read -r T_HEAP_USED T_HEAP_OLD T_HEAP_COMM T_HEAP_N T_YGC T_FGC <<<"$(heap_stats "$TMP/jstat-throughput.txt")"
T_OOM=$(grep -c 'OutOfMemoryError' "$BLOG1" || true)
stop_pid "$BUNDLE_PID"

# The stand-in's own ceiling at the same concurrency, same run: wrk with CONCURRENCY connections,
# each waiting for its answer as a row of the bundle's pool does, straight at WireMock, the bundle
# stopped. The bound assumes answers after exactly LATENCY_MS; this is what WireMock gives.
wait_quiet "wrk -c$CONCURRENCY -> WireMock"
log "wrk -c$CONCURRENCY -> WireMock (the stand-in's own ceiling): ${CEILING_S} s"
W_CEIL="$TMP/wrk-wiremock.txt"
timeout --foreground $(( CEILING_S + 30 )) wrk -t2 -c"$CONCURRENCY" -d"${CEILING_S}s" --timeout 5s --latency \
  -s "$BENCH_DIR/post.lua" "$WIREMOCK_URL$RESEND_PATH" >"$W_CEIL" 2>&1 || echo "wrk exit $?" >>"$W_CEIL"
ceil_kv() { sed -n "s/^BENCH .*[ ]$1=\([^ ]*\).*/\1/p" "$W_CEIL" | head -1; }
CEIL_RATE=$(ceil_kv rps); CEIL_P50=$(ceil_kv p50_ms); CEIL_NON200=$(ceil_kv non200)
[ -n "$CEIL_RATE" ] || { cat "$W_CEIL" >&2; die "wrk -> WireMock printed no result"; }
T_CEIL_PCT=$(pct "$T_RATE" "$CEIL_RATE")
log "  WireMock at -c$CONCURRENCY: $CEIL_RATE req/s (p50 $CEIL_P50 ms, non-200 $CEIL_NON200); the bundle's $T_RATE rows/s = $T_CEIL_PCT % of it"
stop_pid "$WIREMOCK_PID"
rm -rf "$RUN_DIR"   # the progress store and copies of the file: not needed any more

# ---------------------------------------------------------------------------
# Run 2: BIG_ROWS rows with -Xmx256m against a zero-latency nginx stand-in
# ---------------------------------------------------------------------------
if [ "$SKIP_BIG" != 1 ]; then
  start_nginx

  BLOG2="$TMP/bundle-big.log"
  csv_bundle "$BLOG2" "http://127.0.0.1:$NGINX_PORT"
  wait_ready "$BLOG2"
  STANDIN_PIDS=("${NGINX_PIDS[@]}")
  log "bundle on 127.0.0.1:$BUNDLE_PORT (pid $BUNDLE_PID, -Xmx$HEAP), working dir $RUN_DIR"
  start_jstat "$TMP/jstat-big.txt" $(( BIG_TIMEOUT_S + QUIET_WAIT_S + 600 ))
  OUR_PIDS=("$BUNDLE_PID" "${NGINX_PIDS[@]}" "$JSTAT_PID")
  log "generating $BIG_ROWS rows"
  make_csv "$RUN_DIR/staging/big-$BIG_ROWS.csv" "$BIG_ROWS" row
  BIG_FILE_MIB=$(mib $(( $(stat -c %s "$RUN_DIR/staging/big-$BIG_ROWS.csv") / 1024 )))
  wait_quiet "the $BIG_ROWS-row file"
  log "measured: $BIG_ROWS rows ($BIG_FILE_MIB MiB), concurrency $CONCURRENCY, zero-latency stand-in, -Xmx$HEAP"
  run_file "big-$BIG_ROWS" "$BIG_ROWS" "$BIG_TIMEOUT_S" "$BLOG2"
  check_result "big-$BIG_ROWS" "$BIG_ROWS"
  B_FILE_S=$FILE_S; B_OTHER=$OTHER; B_BUNDLE_CPU=$BUNDLE_CPU; B_STANDIN_CPU=$STANDIN_CPU
  B_BATCH_LINE=$BATCH_LINE; B_BATCH_MS=$BATCH_MS
  B_CHECK="$CHECK_ROWS rows, $CHECK_SUCCESS SUCCESS, $CHECK_INORDER in order"; B_CHECK_OK=$CHECK_OK
  B_RATE=$(rate "$BIG_ROWS" "$B_FILE_S")
  B_PEAK_RSS_KB=$PEAK_RSS_KB
  B_PEAK_STORE_KB=$PEAK_STORE_KB
  B_HWM_KB=$(hwm_kb "$BUNDLE_PID")
  stop_pid "$JSTAT_PID"
  read -r B_HEAP_USED B_HEAP_OLD B_HEAP_COMM B_HEAP_N B_YGC B_FGC <<<"$(heap_stats "$TMP/jstat-big.txt")"
  B_OOM=$(grep -c 'OutOfMemoryError' "$BLOG2" || true)
  B_STORE_MIB=$(mib "$(du -sk "$RUN_DIR/data/work" 2>/dev/null | awk '{ print $1 }')")
  stop_pid "$BUNDLE_PID"
  stop_pid "$NGINX_PID"
  rm -rf "$RUN_DIR"
fi

# ---------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------
T_MET=no; ge "$T_PCT" "$TARGET_PCT" && [ "$T_CHECK_OK" = yes ] && T_MET=yes
[ "$T_CHECK_OK" = yes ] || T_MET="no (result file wrong)"
QUIET_MET=yes
OTHERS="before: ${PRE_BUSY}%; $ROWS rows: ${T_OTHER}%"
[ "$T_OTHER" -le "$QUIET_MAX_PCT" ] || QUIET_MET="no: numbers disturbed by other work"
if [ "$SKIP_BIG" != 1 ]; then
  OTHERS="$OTHERS; $BIG_ROWS rows: ${B_OTHER}%"
  [ "$B_OTHER" -le "$QUIET_MAX_PCT" ] || QUIET_MET="no: numbers disturbed by other work"
  B_MET=no; [ "$B_CHECK_OK" = yes ] && [ "$B_OOM" = 0 ] && B_MET=yes
fi
heap_cell() {  # heap_cell USED OLD COMMITTED N YGC FGC
  echo "$(mib "$1") MiB used (young+survivor+old), old gen $(mib "$2") MiB, committed $(mib "$3") MiB; $4 jstat samples; GCs: $5 young, $6 full"
}

{
  echo "## CSV drop-folder benchmark (JVM mode)"
  echo
  echo "- date: $RUN_DATE; commit: $COMMIT$DIRTY"
  echo "- machine: nproc=$NPROC ($CPU_MODEL), memory $MEM"
  echo "- java: $JAVA_VERSION; bundle: -Xmx$HEAP (GC: ${JAVA_GC:-?}) $JAVA_OPTS"
  echo "- bundle: aopay.file.concurrency=$CONCURRENCY, stable-for-ms=$STABLE_FOR_MS, poll-delay-ms=$POLL_DELAY_MS, limits off, embedded broker, own working dir"
  echo "- throughput run: WireMock $WIREMOCK_VERSION standalone answering after $LATENCY_MS ms (fixedDelayMilliseconds, async responses; one request by curl: $STANDIN_MS ms); ${WARMUP_ROWS}-row warm-up file first (${WARMUP_RATE:-n/a} rows/s)"
  [ "$SKIP_BIG" != 1 ] && echo "- memory run: nginx $NGINX_VERSION (1 worker, \`return 200\`, zero latency) so that $BIG_ROWS rows finish in minutes; a fresh bundle"
  echo "- time: from \`mv\` of the file into data/inbox to data/outbox/<name>.result.csv (includes the ${STABLE_FOR_MS} ms stable wait and the ${POLL_DELAY_MS} ms poll); \"bundle\": its own summary line (file opened -> result written)"
  echo "- everything (stand-in, the bundle with its embedded broker, samplers) shares the same $NPROC cores on 127.0.0.1"
  echo
  echo "| measure | target | value | met? |"
  echo "| --- | --- | --- | --- |"
  echo "| **$ROWS rows, concurrency $CONCURRENCY, $LATENCY_MS ms stand-in: rows/s** (bound $CONCURRENCY / $LATENCY_MS ms = $BOUND rows/s) | >= ${TARGET_PCT} % of the bound | $T_RATE rows/s = **$T_PCT %** of the bound ($T_FILE_S s, mv -> result file); bundle's own: $T_BATCH_RATE rows/s = $T_BATCH_PCT % (duration=${T_BATCH_MS:-?}ms, rows=${T_BATCH_ROWS:-?}) | $T_MET |"
  echo "| $ROWS rows as % of the stand-in's own ceiling (wrk -c$CONCURRENCY straight at WireMock, ${CEILING_S} s, same run: $CEIL_RATE req/s, p50 $CEIL_P50 ms, non-200 $CEIL_NON200) | info | $T_CEIL_PCT % | n/a |"
  echo "| $ROWS rows: result file | $ROWS rows, all SUCCESS, in order | $T_CHECK | $T_CHECK_OK |"
  echo "| $ROWS rows: peak heap (-Xmx$HEAP) | info | $(heap_cell "$T_HEAP_USED" "$T_HEAP_OLD" "$T_HEAP_COMM" "$T_HEAP_N" "$T_YGC" "$T_FGC"); OutOfMemoryError in log: $T_OOM | n/a |"
  echo "| $ROWS rows: peak RSS | info | $(mib "$T_PEAK_RSS_KB") MiB (VmRSS every 1 s); kernel VmHWM $(mib "$T_HWM_KB") MiB | n/a |"
  echo "| $ROWS rows: CPU (of $((NPROC * 100))%); progress store on disk | info | bundle ${T_BUNDLE_CPU}%, WireMock ${T_STANDIN_CPU}%; data/work (H2 progress store) peak $(mib "$T_PEAK_STORE_KB") MiB | n/a |"
  echo "| **$ROWS rows: progress store on disk per row** (peak of data/work / rows) | <= $STORE_ROW_TARGET B/row | $T_STORE_B_ROW B/row | $(yesno "$T_STORE_B_ROW" "$STORE_ROW_TARGET") |"
  if [ "$SKIP_BIG" != 1 ]; then
    echo "| **$BIG_ROWS rows ($BIG_FILE_MIB MiB) with -Xmx$HEAP: completes** | every row a result, no OutOfMemoryError | $B_CHECK; OutOfMemoryError in log: $B_OOM; $B_FILE_S s = $B_RATE rows/s against the zero-latency stand-in (bundle: duration=${B_BATCH_MS:-?}ms) | $B_MET |"
    echo "| **$BIG_ROWS rows: peak heap** | < $HEAP (must complete) | $(heap_cell "$B_HEAP_USED" "$B_HEAP_OLD" "$B_HEAP_COMM" "$B_HEAP_N" "$B_YGC" "$B_FGC") | $B_MET |"
    echo "| **$BIG_ROWS rows: peak RSS** | info | $(mib "$B_PEAK_RSS_KB") MiB (VmRSS every 1 s); kernel VmHWM $(mib "$B_HWM_KB") MiB | n/a |"
    echo "| $BIG_ROWS rows: CPU (of $((NPROC * 100))%); progress store on disk | info | bundle ${B_BUNDLE_CPU}%, nginx ${B_STANDIN_CPU}%; data/work (H2 progress store) peak $(mib "$B_PEAK_STORE_KB") MiB (every 10 s), $B_STORE_MIB MiB at the end | n/a |"
  fi
  echo "| CPU used by other processes (not this benchmark), % of one core | <= ${QUIET_MAX_PCT}% (quiet machine) | $OTHERS | $QUIET_MET |"
  echo
  echo "<details><summary>summary lines</summary>"
  echo
  echo '```'
  echo "$T_BATCH_LINE"
  [ "$SKIP_BIG" != 1 ] && echo "$B_BATCH_LINE"
  echo '```'
  echo
  echo "</details>"
} >"$TMP/table.md"

publish_table

summary rows "$ROWS"
summary concurrency "$CONCURRENCY"
summary latency_ms "$LATENCY_MS"
summary bound "$BOUND"
summary rate "$T_RATE"
summary pct "$T_PCT"
summary ceiling_rate "$CEIL_RATE"
summary ceiling_pct "$T_CEIL_PCT"
summary file_s "$T_FILE_S"
summary check_ok "$T_CHECK_OK"
summary store_b_row "$T_STORE_B_ROW"
summary heap "$HEAP"
summary skip_big "$SKIP_BIG"
if [ "$SKIP_BIG" != 1 ]; then
  summary big_rows "$BIG_ROWS"
  summary big_check "$B_CHECK"
  summary big_check_ok "$B_CHECK_OK"
  summary big_oom "$B_OOM"
  summary big_file_s "$B_FILE_S"
  summary big_rate "$B_RATE"
  summary big_heap_used_mib "$(mib "$B_HEAP_USED")"
  summary big_fgc "$B_FGC"
  summary big_rss_mib "$(mib "$B_PEAK_RSS_KB")"
  summary big_hwm_mib "$(mib "$B_HWM_KB")"
  summary big_store_mib "$B_STORE_MIB"
  summary big_met "$B_MET"
fi
summary quiet "$QUIET_MET"
