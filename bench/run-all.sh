#!/usr/bin/env bash
# All benchmarks in one go: builds the jar once, runs rest-bench.sh, csv-bench.sh and
# jms-bench.sh one after the other, and prints ONE table (measure | target | value | met?)
# for every target in bench/targets.tsv. The table, with the date, the machine and the git
# commit, is also written to bench/results/run-all-<UTC time>[-quick].md and copied to
# bench/results/run-all[-quick]-latest.md (git-ignored). See bench/README.md.
#
#   bench/run-all.sh               full run, today's counts (about 30 min on a quiet 2-core machine)
#   bench/run-all.sh --quick       small counts, a few seconds per measured phase: checks the
#                                  runner end to end (about 5 min); the numbers mean nothing
#   options: --no-build (use the jar in target/; built anyway when missing)
#            --only rest,csv,jms (a subset; the others show "not run")
#            --targets (print the targets and exit)
#
# Each script runs in its own session (setsid): on Ctrl-C or TERM the runner signals that
# session's process group (the script, its bundle, stand-ins, load tools) and the script's own
# trap stops what it started; nothing outside those groups is touched. Knobs of the scripts
# (JAVA_OPTS, QUIET_MAX_PCT, KEEP_TMP, ...) pass through the environment; --quick sets the
# QUICK_* counts (below) over them.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=run-all
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

# Counts for --quick (the full run uses each script's defaults)
QUICK_ALL=(QUIET_WAIT_S=0)
QUICK_REST=(WARMUP_S=2 BUNDLE_WARMUP_S=2 DURATION_S=3 RATE_WARMUP_S=1 RATE_DURATION_S=3 STARTUP_RUNS=1 IDLE_SETTLE_S=1)
QUICK_CSV=(ROWS=2000 CEILING_S=3 WARMUP_ROWS=320 BIG_ROWS=20000 TIMEOUT_S=180 BIG_TIMEOUT_S=300)
QUICK_JMS=(N=1000 WARMUP_N=200 TIMEOUT_S=120)

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

MODE=full
BUILD=1
ONLY="rest csv jms"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick ;;
    --no-build) BUILD=0 ;;
    --only) [ $# -ge 2 ] || die "--only needs a list, e.g. --only rest,jms"; ONLY=${2//,/ }; shift ;;
    --only=*) ONLY=${1#--only=}; ONLY=${ONLY//,/ } ;;
    --targets)
      printf '| id | target | measure |\n| --- | --- | --- |\n'
      awk -F'\t' '!/^#/ && NF >= 5 { print $1 }' "$TARGETS_FILE" | while read -r id; do
        printf '| %s | %s | %s |\n' "$id" "$(target_text "$id")" "$(target_field "$id" 5)"
      done
      exit 0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done
for b in $ONLY; do
  case $b in rest|csv|jms) ;; *) die "--only takes rest, csv, jms (got '$b')" ;; esac
done
wanted() { [[ " $ONLY " == *" $1 "* ]]; }

STAMP=$(date -u +%Y%m%d-%H%M%S)
SUFFIX=""; [ "$MODE" = quick ] && SUFFIX=-quick
LOG_DIR="$RESULTS_DIR/logs/run-all-$STAMP$SUFFIX"
mkdir -p "$LOG_DIR"
OUT_FILE="$RESULTS_DIR/run-all-$STAMP$SUFFIX.md"
LATEST_FILE="$RESULTS_DIR/run-all$SUFFIX-latest.md"

# ---------------------------------------------------------------------------
# Children: each in its own session; signals go to its whole process group
# ---------------------------------------------------------------------------
CHILD=""
TAIL_PID=""
stop_child() {
  local i
  if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
    log "stopping pid $CHILD and its process group"
    kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null || true
    for i in $(seq 1 300); do  # the script's trap stops its processes (TERM, <= 10 s each)
      kill -0 -- "-$CHILD" 2>/dev/null || kill -0 "$CHILD" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  CHILD=""
  if [ -n "$TAIL_PID" ]; then kill "$TAIL_PID" 2>/dev/null || true; wait "$TAIL_PID" 2>/dev/null || true; fi
  TAIL_PID=""
}
trap 'rc=$?; stop_child; exit $rc' EXIT
trap 'exit 130' INT TERM

# run_group LOG OUT ENV... -- CMD...: CMD in its own session, stdout to OUT, stderr to LOG
# (followed on the terminal); sets RUN_RC and RUN_S
run_group() {
  local logf=$1 outf=$2 t0
  shift 2
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  : >"$logf"
  t0=$(date +%s)
  env "${envs[@]}" setsid "$@" >"$outf" 2>"$logf" </dev/null &
  CHILD=$!
  tail --pid="$CHILD" -n +1 -f "$logf" >&2 &
  TAIL_PID=$!
  RUN_RC=0
  wait "$CHILD" || RUN_RC=$?
  CHILD=""
  wait "$TAIL_PID" 2>/dev/null || true
  TAIL_PID=""
  RUN_S=$(( $(date +%s) - t0 ))
}

# ---------------------------------------------------------------------------
# Build once, then the three scripts
# ---------------------------------------------------------------------------
T_START=$(date +%s)
machine_info
log "$MODE run of: $ONLY; logs in ${LOG_DIR#"$REPO"/}"
if [ "$BUILD" = 1 ]; then
  log "building $JAR once (./mvnw -B -q package -DskipTests)"
  run_group "$LOG_DIR/build.log" "$LOG_DIR/build.out" -- ./mvnw -B -q package -DskipTests
  [ "$RUN_RC" = 0 ] || { tail -30 "$LOG_DIR/build.out" >&2; die "build (exit $RUN_RC; ${LOG_DIR#"$REPO"/}/build.out)"; }
  log "built in ${RUN_S} s"
fi
ensure_jar

declare -A RC SECS
for b in rest csv jms; do
  wanted "$b" || continue
  envs=(BENCH_SUMMARY="$LOG_DIR/$b.summary")
  if [ "$MODE" = quick ]; then
    envs+=("${QUICK_ALL[@]}")
    case $b in
      rest) envs+=("${QUICK_REST[@]}") ;;
      csv) envs+=("${QUICK_CSV[@]}") ;;
      jms) envs+=("${QUICK_JMS[@]}") ;;
    esac
  fi
  : >"$LOG_DIR/$b.summary"
  log "bench/$b-bench.sh ${envs[*]:1}"
  run_group "$LOG_DIR/$b.log" "$LOG_DIR/$b.md" "${envs[@]}" -- "$BENCH_DIR/$b-bench.sh"
  RC[$b]=$RUN_RC
  SECS[$b]=$RUN_S
  if [ "$RUN_RC" = 0 ]; then
    log "bench/$b-bench.sh done in ${RUN_S} s"
  else
    log "bench/$b-bench.sh FAILED (exit $RUN_RC) after ${RUN_S} s; log: ${LOG_DIR#"$REPO"/}/$b.log; going on"
  fi
done
T_TOTAL=$(( $(date +%s) - T_START ))

# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------
sv() {  # sv BENCH KEY: a value from that script's summary
  awk -v k="$2" 'index($0, k "=") == 1 { v = substr($0, length(k) + 2) } END { print v }' "$LOG_DIR/$1.summary"
}
ok() { [ "${RC[$1]:-x}" = 0 ]; }
state() {  # state BENCH: why there is no value
  if ! wanted "$1"; then echo "not run (--only)"
  else echo "FAILED: bench/$1-bench.sh exit ${RC[$1]} (log: ${LOG_DIR#"$REPO"/}/$1.log)"
  fi
}
met_of() {  # met_of BENCH EXTRA ID VALUE: yes / no / no (EXTRA) / n/a; EXTRA "yes" = nothing wrong
  if ! wanted "$1"; then echo "n/a"
  elif ! ok "$1"; then echo "no (failed)"
  elif [ "$2" != yes ]; then echo "no ($2)"
  elif meets "$3" "$4"; then echo yes
  else echo no
  fi
}
row() { printf '| %s | %s | %s | %s |\n' "$@"; }
measure() { target_field "$1" 5; }

ROWS_MD=()
peak_all=""  # peak RSS: the larger of the REST and JMS runs' peaks
# REST
if ok rest; then
  errs=$(( $(sv rest wrk_errors) + $(sv rest wrk_errors_high) ))
  extra=yes; [ "$errs" = 0 ] || extra="$errs errors"
  ROWS_MD+=("$(row "$(measure startup_ratio_emb)" "$(target_text startup_ratio_emb)" \
    "x$(sv rest startup_ratio) (runs x$(sv rest startup_ratios | sed 's| | / x|g'); bundle $(sv rest startup_s | sed 's| | / |g') s, floor $(sv rest floor_startup_s | sed 's| | / |g') s; Quarkus \"started in\" $(sv rest startup_quarkus_s | sed 's| | / |g') s)" \
    "$(met_of rest yes startup_ratio_emb "$(sv rest startup_ratio)")")")
  ROWS_MD+=("$(row "$(measure startup_ratio_ext)" "$(target_text startup_ratio_ext)" \
    "x$(sv rest startup_ext_ratio) (runs x$(sv rest startup_ext_ratios | sed 's| | / x|g'); bundle $(sv rest startup_ext_s | sed 's| | / |g') s)" \
    "$(met_of rest yes startup_ratio_ext "$(sv rest startup_ext_ratio)")")")
  ROWS_MD+=("$(row "$(measure idle_rss_ratio)" "$(target_text idle_rss_ratio)" \
    "x$(sv rest idle_rss_ratio) ($(sv rest idle_rss_mib) MiB / floor $(sv rest floor_idle_rss_mib) MiB)" \
    "$(met_of rest yes idle_rss_ratio "$(sv rest idle_rss_ratio)")")")
  ROWS_MD+=("$(row "$(measure rest_ratio_c16) (wrk -t2 -c$(sv rest conns))" "$(target_text rest_ratio_c16)" \
    "$(sv rest ratio_c16) ($(sv rest rps) / $(sv rest standin_rps) req/s; bundle p50 $(sv rest p50_ms) ms, p99 $(sv rest p99_ms) ms; $errs errors at -c16 and -c64)" \
    "$(met_of rest "$extra" rest_ratio_c16 "$(sv rest ratio_c16)")")")
  ROWS_MD+=("$(row "$(measure rest_ratio_c64) (wrk -t2 -c$(sv rest conns_high))" "$(target_text rest_ratio_c64)" \
    "$(sv rest ratio_c64) ($(sv rest rps_high) / $(sv rest standin_rps_high) req/s)" \
    "$(met_of rest "$extra" rest_ratio_c64 "$(sv rest ratio_c64)")")")
  errs=$(sv rest ol_errors)
  extra=yes; [ "$errs" = 0 ] || extra="$errs errors"
  ROWS_MD+=("$(row "$(measure rest_added_p99): $(sv rest rate) req/s" "$(target_text rest_added_p99)" \
    "$(sv rest added_p99_ms) ms (p99 bundle / stand-in $(sv rest ol_p99_ms) ms; added p50 $(sv rest added_p50_ms) ms; $errs errors)" \
    "$(met_of rest "$extra" rest_added_p99 "$(sv rest added_p99_ms)")")")
  peak_all="REST $(sv rest peak_rss_mib) MiB"
else
  for id in startup_ratio_emb startup_ratio_ext idle_rss_ratio rest_ratio_c16 rest_ratio_c64 rest_added_p99; do
    ROWS_MD+=("$(row "$(measure "$id")" "$(target_text "$id")" "$(state rest)" "$(met_of rest yes "$id" 0)")")
  done
fi
# JMS
if ok jms; then
  res=$(sv jms results_met)
  extra=yes; [ "$res" = yes ] || extra="results incomplete or wrong"
  ceil_extra=$extra; [ "$(sv jms ceiling_ok)" = yes ] || ceil_extra="ceiling's results incomplete or wrong"
  ROWS_MD+=("$(row "$(measure jms_pct_ceiling): $(sv jms n) messages, $(sv jms consumers) consumers" "$(target_text jms_pct_ceiling)" \
    "$(sv jms pct_of_ceiling) % ($(sv jms rate) / ceiling $(sv jms ceiling_rate) msg/s)" \
    "$(met_of jms "$ceil_extra" jms_pct_ceiling "$(sv jms pct_of_ceiling)")")")
  ROWS_MD+=("$(row "$(measure jms_rate): $(sv jms n) messages, $(sv jms consumers) consumers" "$(target_text jms_rate)" \
    "$(sv jms rate) msg/s; received $(sv jms received) of $(sv jms n), $(sv jms success_ok) SUCCESS, wrong $(sv jms wrong), duplicates $(sv jms duplicates); p99 $(sv jms p99_ms) ms" \
    "$(met_of jms "$extra" jms_rate "$(sv jms rate)")")")
  peak_all="${peak_all:+$peak_all, }JMS $(sv jms peak_rss_mib) MiB"
else
  for id in jms_pct_ceiling jms_rate; do
    ROWS_MD+=("$(row "$(measure "$id")" "$(target_text "$id")" "$(state jms)" "$(met_of jms yes "$id" 0)")")
  done
fi
# Peak RSS: the worse of the two loads that ran
if ok rest || ok jms; then
  worst_peak=$( { ok rest && sv rest peak_rss_mib; ok jms && sv jms peak_rss_mib; } | sort -g | tail -1)
  ROWS_MD+=("$(row "$(measure peak_rss)" "$(target_text peak_rss)" "$worst_peak MiB ($peak_all)" \
    "$(if meets peak_rss "$worst_peak"; then echo yes; else echo no; fi)$(wanted rest && wanted jms || echo ' (only one load ran)')")")
else
  ROWS_MD+=("$(row "$(measure peak_rss)" "$(target_text peak_rss)" "$(state rest)" "n/a")")
fi
# CSV
if ok csv; then
  extra=yes; [ "$(sv csv check_ok)" = yes ] || extra="result file wrong"
  ROWS_MD+=("$(row "$(measure csv_pct): $(sv csv rows) rows, concurrency $(sv csv concurrency), stand-in $(sv csv latency_ms) ms" \
    "$(target_text csv_pct) of $(sv csv bound) rows/s" \
    "$(sv csv rate) rows/s = $(sv csv pct) % ($(sv csv file_s) s from mv to result file); result file all SUCCESS in order: $(sv csv check_ok); the stand-in's own ceiling at concurrency $(sv csv concurrency) (wrk straight at it): $(sv csv ceiling_rate) req/s, the bundle $(sv csv ceiling_pct) % of it" \
    "$(met_of csv "$extra" csv_pct "$(sv csv pct)")")")
  ROWS_MD+=("$(row "$(measure csv_store_row)" "$(target_text csv_store_row)" "$(sv csv store_b_row) B/row" \
    "$(met_of csv yes csv_store_row "$(sv csv store_b_row)")")")
  if [ "$(sv csv skip_big)" = 1 ]; then
    ROWS_MD+=("$(row "$(measure csv_big)" "$(target_text csv_big)" "not run (SKIP_BIG=1)" "n/a")")
  else
    ROWS_MD+=("$(row "$(measure csv_big): $(sv csv big_rows) rows, -Xmx$(sv csv heap)" "$(target_text csv_big)" \
      "$(sv csv big_check); OutOfMemoryError in log: $(sv csv big_oom); $(sv csv big_file_s) s ($(sv csv big_rate) rows/s, zero-latency stand-in); peak heap $(sv csv big_heap_used_mib) MiB of $(sv csv heap), full GCs $(sv csv big_fgc); peak RSS $(sv csv big_rss_mib) MiB (VmHWM $(sv csv big_hwm_mib) MiB); progress store $(sv csv big_store_mib) MiB on disk" \
      "$(sv csv big_met)")")
  fi
else
  ROWS_MD+=("$(row "$(measure csv_pct)" "$(target_text csv_pct) of the bound" "$(state csv)" "$(met_of csv yes csv_pct 0)")")
  ROWS_MD+=("$(row "$(measure csv_store_row)" "$(target_text csv_store_row)" "$(state csv)" "$(met_of csv yes csv_store_row 0)")")
  ROWS_MD+=("$(row "$(measure csv_big)" "$(target_text csv_big)" "$(state csv)" "$(if wanted csv; then echo "no (failed)"; else echo n/a; fi)")")
fi
# Quiet machine: each script compares the CPU other processes used during its measured phases
quiet_all=yes
quiet_cells=()
for b in rest csv jms; do
  wanted "$b" || continue
  if ok "$b"; then q=$(sv "$b" quiet); else q="failed"; fi
  quiet_cells+=("$b: ${q%%:*}")
  [ "$q" = yes ] || quiet_all="no: run again on a quiet machine"
done
ROWS_MD+=("$(row "quiet machine: CPU used by other processes during every measured phase (details in each script's table)" \
  "<= ${QUIET_MAX_PCT}% of one core" "$(printf '%s; ' "${quiet_cells[@]}" | sed 's/; $//')" "$quiet_all")")

JAVA_FULL=$(java -version 2>&1 | paste -sd ';' | sed 's/;/; /g')
{
  echo "## Benchmarks: all targets (bench/run-all.sh${SUFFIX:+ --quick})"
  echo
  if [ "$MODE" = quick ]; then
    echo "> **QUICK MODE**: small counts, a few seconds per measured phase, no waiting for a quiet"
    echo "> machine. It checks that the runner works end to end; the numbers are not results."
    echo
  fi
  echo "- date: $RUN_DATE; commit: $COMMIT$DIRTY"
  echo "- machine: nproc=$NPROC ($CPU_MODEL), memory $MEM"
  echo "- java: $JAVA_FULL; the image's JVM flags (${POD_MEMORY_MIB}Mi pod): ${POD_JVM_OPTS[*]}; JAVA_OPTS='${JAVA_OPTS:-}'"
  echo "- outcome log as shipped; ratios over the floor (bench/floor) and the ceilings (wrk straight at the stand-in, bench/JmsCeiling.java) are taken in this same run"
  echo "- JVM mode; load tools, stand-ins, the bundle and its embedded broker share the same $NPROC cores on 127.0.0.1"
  echo "- run took $((T_TOTAL / 60)) min $((T_TOTAL % 60)) s ($(for b in rest csv jms; do wanted "$b" && printf '%s %s s, ' "$b" "${SECS[$b]}"; done | sed 's/, $//')); each script's own table: bench/results/{rest,csv,jms}-latest.md"
  echo
  echo "| measure | target | value | met? |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${ROWS_MD[@]}"
} >"$LOG_DIR/run-all.md"
cp "$LOG_DIR/run-all.md" "$OUT_FILE"
cp "$LOG_DIR/run-all.md" "$LATEST_FILE"
cat "$LOG_DIR/run-all.md"
log "written to ${OUT_FILE#"$REPO"/} and ${LATEST_FILE#"$REPO"/}"

failed=0
for b in $ONLY; do ok "$b" || failed=1; done
exit $failed
