#!/usr/bin/env bash
# JMS channel benchmark of the AOPay ResendOTP bundle (JVM mode), on this machine.
#
#   bench/jms-bench.sh            (from the repo root, or from anywhere)
#
# Measures messages/s end to end, request queue -> result queue, all on 127.0.0.1:
#   - AOPay stand-in: nginx answering at once (zero latency), as in rest-bench.sh
#   - the bundle with its embedded Artemis broker (persistent journal, on a free port) and
#     aopay.jms.concurrent-consumers=CONSUMERS (16); resend limits off
#   - bench/JmsLoad.java (Artemis JMS client): WARMUP_N (2,000) and then N (20,000) persistent
#     JSON requests on aopay.resendotp.requests from PRODUCERS (2) threads, without reply-to;
#     the results are read from aopay.resendotp.success (and, to count wrong ones, from the
#     failed/rejected/error queues and the DLQ). msg/s = N / (last result - first send).
#     Target: >= 1,000 msg/s; every one of the N results on the success queue with
#     outcome=SUCCESS, none twice.
# Then the ceiling: the same client against bench/JmsCeiling.java on bench/Broker.java (the
# bundle's own broker code, same disk), each message moved in one transaction with no AOPay
# call and no claim; the bundle is reported as a % of it (target in targets.tsv: jms_pct_ceiling).
# Prints a Markdown table and writes it to bench/results/jms-latest.md.
#
# Needs: java 17+, curl, awk, nginx (apt-get installed when missing and running as root).
# Builds target/quarkus-app/quarkus-run.jar when missing; the client's class path comes from
# the project (./mvnw dependency:build-classpath, which has the Artemis JMS client).
# Knobs (environment): N=20000 WARMUP_N=2000 PRODUCERS=2 BATCH=50 (producer commits every
# BATCH messages; 0 = non-transacted sends, each confirmed by the broker) CONSUMERS=16
# TARGET=1000 TIMEOUT_S=300 (per phase) JAVA_OPTS="" (bundle) KEEP_TMP=0
# QUIET_MAX_PCT=20 QUIET_WAIT_S=120: before the measured run, wait (at most QUIET_WAIT_S) for
# a 3 s window in which the machine uses <= QUIET_MAX_PCT % of one core; the CPU that other
# processes used during the run is reported in the table either way.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_NAME=jms-bench
# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh"

N=${N:-20000}
WARMUP_N=${WARMUP_N:-2000}
PRODUCERS=${PRODUCERS:-2}
BATCH=${BATCH:-50}
CONSUMERS=${CONSUMERS:-16}
TARGET=${TARGET:-$(target_value jms_rate)}
PCT_TARGET=$(target_value jms_pct_ceiling)
TIMEOUT_S=${TIMEOUT_S:-300}
JAVA_OPTS=${JAVA_OPTS:-}
KEEP_TMP=${KEEP_TMP:-0}

RESULTS_FILE="$RESULTS_DIR/jms-latest.md"

for v in N WARMUP_N PRODUCERS BATCH CONSUMERS TARGET TIMEOUT_S QUIET_MAX_PCT QUIET_WAIT_S; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done

bench_start

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
find_nginx
if [ -z "$NGINX" ]; then
  apt_install nginx
fi
require_tools java curl ss awk timeout
ensure_jar
ensure_cds bundle

log "class path of the JMS client (./mvnw dependency:build-classpath)"
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt" \
  >"$TMP/classpath.log" 2>&1 || { tail -20 "$TMP/classpath.log" >&2; die "dependency:build-classpath"; }
grep -q 'artemis-jakarta-client' "$TMP/classpath.txt" || die "no artemis-jakarta-client on the project's class path"
CLIENT_CP=$(cat "$TMP/classpath.txt")

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
kv() {  # kv FILE KEY: value of KEY=value on the line starting with "JMSLOAD "
  kv_line '^JMSLOAD ' "$@"
}

# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------
machine_info
NGINX_VERSION=$( { "$NGINX" -v 2>&1 || true; } | sed 's/^nginx version: //')
ARTEMIS_VERSION=$(tr ':' '\n' <"$TMP/classpath.txt" | grep -oE 'artemis-jakarta-client-[0-9]+(\.[0-9]+)*' | head -1 | sed 's/artemis-jakarta-client-//')
log "machine: $NPROC cores ($CPU_MODEL), $MEM, $JAVA_VERSION"

wait_quiet "the start"
PRE_BUSY=$QUIET_BUSY

# ---------------------------------------------------------------------------
# The AOPay stand-in: nginx on 127.0.0.1, its own config, pid, logs, temp dirs
# ---------------------------------------------------------------------------
start_nginx

# ---------------------------------------------------------------------------
# The bundle: its own working directory (broker journal in data/broker) and its own
# embedded broker on a free port, as in rest-bench.sh
# ---------------------------------------------------------------------------
BLOG="$TMP/bundle.log"
start_bundle "$BLOG" "http://127.0.0.1:$NGINX_PORT" -Daopay.jms.concurrent-consumers="$CONSUMERS"
wait_ready "$BLOG"
grep -q "Embedded ActiveMQ Artemis broker listening on 127.0.0.1:$BROKER_PORT" "$BLOG" \
  || { tail -40 "$BLOG" >&2; die "the bundle's log does not show its embedded broker on 127.0.0.1:$BROKER_PORT"; }
log "bundle on 127.0.0.1:$BUNDLE_PORT (pid $BUNDLE_PID), broker tcp://127.0.0.1:$BROKER_PORT, working dir $RUN_DIR"
IDLE_RSS_KB=$(rss_kb "$BUNDLE_PID")

# RSS sampler: every 0.5 s while the bundle lives, bounded in count
RSS_SAMPLES="$TMP/rss-samples.txt"
start_rss_sampler "$BUNDLE_PID" "$RSS_SAMPLES" $(( (2 * TIMEOUT_S + QUIET_WAIT_S + 120) * 2 ))

# ---------------------------------------------------------------------------
# The load: warm-up and measured phase in one client JVM (the warm-up also compiles the
# client and warms its JIT); CPU of others is measured over the whole client run.
# ---------------------------------------------------------------------------
wait_quiet "the JMS load"
OUT="$TMP/jmsload.txt"
log "JmsLoad: $WARMUP_N warm-up + $N measured persistent messages, $PRODUCERS producers (batch $BATCH), $CONSUMERS bundle consumers"
LOG0_BYTES=$(stat -c %s "$BLOG"); LOG0_LINES=$(wc -l <"$BLOG")
o0=$(cpu_ticks "$BUNDLE_PID" "${NGINX_PIDS[@]}"); b0=$(cpu_ticks "$BUNDLE_PID"); n0=$(cpu_ticks "${NGINX_PIDS[@]}")
s0=$(sys_busy); t0=$(now_ns)
(
  timeout --foreground $(( 2 * TIMEOUT_S + 60 )) java -Xms64m -Xmx512m -cp "$CLIENT_CP" "$BENCH_DIR/JmsLoad.java" \
    "tcp://127.0.0.1:$BROKER_PORT" "$WARMUP_N" "$N" "$PRODUCERS" "$TIMEOUT_S" "$BATCH" >"$OUT" 2>"$TMP/jmsload.err" \
    || echo "JmsLoad exit $?" >>"$OUT"
  times >"$OUT.times"
)
o1=$(cpu_ticks "$BUNDLE_PID" "${NGINX_PIDS[@]}"); b1=$(cpu_ticks "$BUNDLE_PID"); n1=$(cpu_ticks "${NGINX_PIDS[@]}")
s1=$(sys_busy); t1=$(now_ns)
kill -0 "$BUNDLE_PID" 2>/dev/null || { tail -20 "$BLOG" >&2; die "the bundle (pid $BUNDLE_PID) exited during the load"; }
grep -q '^JMSLOAD phase=measured ' "$OUT" || { cat "$OUT" >&2; tail -30 "$TMP/jmsload.err" >&2; die "JmsLoad printed no result"; }
CLIENT_TICKS=$(child_ticks "$OUT.times")
OTHER=$(other_pct "$s0" "$s1" $((o1 - o0 + CLIENT_TICKS)) $((t1 - t0)))
BUNDLE_CPU=$(pct_of_core $((b1 - b0)) $((t1 - t0)))
NGINX_CPU=$(pct_of_core $((n1 - n0)) $((t1 - t0)))
CLIENT_CPU=$(pct_of_core "$CLIENT_TICKS" $((t1 - t0)))
LOG_MIB=$(awk -v a="$(stat -c %s "$BLOG")" -v b="$LOG0_BYTES" 'BEGIN { printf "%.1f", (a - b) / 1048576 }')
LOG_LINES=$(( $(wc -l <"$BLOG") - LOG0_LINES ))
AUDIT_LINES=$(tail -n "$LOG_LINES" "$BLOG" | grep -c '\[org.apache.activemq.audit' || true)
RUN_S=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", (a - b) / 1e9 }')
log "$(grep '^JMSLOAD phase=measured ' "$OUT")"

stop_pid "$SAMPLER_PID"
PEAK_RSS_KB=$(sort -n "$RSS_SAMPLES" | tail -1)
HWM_KB=$(hwm_kb "$BUNDLE_PID")
stop_pid "$BUNDLE_PID"
stop_pid "$NGINX_PID"

# ---------------------------------------------------------------------------
# The ceiling: the same broker code and disk (bench/Broker.java runs the bundle's
# EmbeddedBroker.start in a JVM of its own) and the same client, but bench/JmsCeiling.java
# instead of the bundle: each message moved request queue -> success queue in one local
# transaction, $CONSUMERS consumers, no AOPay call, no claim. The bundle's rate is reported
# as a % of this one.
# ---------------------------------------------------------------------------
CEIL_DIR=$(mktemp -d "$TMP/ceiling-run.XXXX")
start_broker "$TMP/ceiling-broker.log" "$CEIL_DIR"
CEIL_OUT="$TMP/jmsceiling.txt"
# (no `timeout` wrapper: CEIL_PID must be the JVM, whose CPU is counted; it ends itself after MAX_S)
java -Xms64m -Xmx256m -cp "$CLIENT_CP" \
  "$BENCH_DIR/JmsCeiling.java" "tcp://127.0.0.1:$EXTERNAL_PORT" "$CONSUMERS" $(( 2 * TIMEOUT_S + QUIET_WAIT_S + 90 )) \
  >"$CEIL_OUT" 2>&1 &
CEIL_PID=$!
PIDS+=("$CEIL_PID")
for _ in $(seq 1 300); do
  grep -q '^JMSCEILING started' "$CEIL_OUT" && break
  kill -0 "$CEIL_PID" 2>/dev/null || { cat "$CEIL_OUT" >&2; die "JmsCeiling exited during start-up"; }
  sleep 0.2
done
grep -q '^JMSCEILING started' "$CEIL_OUT" || die "JmsCeiling did not start within 60 s"
wait_quiet "the JMS ceiling"
C_OUT="$TMP/jmsload-ceiling.txt"
log "JmsLoad -> ceiling (JmsCeiling, $CONSUMERS consumers, broker pid $BROKER_PID)"
cs0=$(sys_busy); ct0=$(now_ns); co0=$(cpu_ticks "$BROKER_PID" "$CEIL_PID")
(
  timeout --foreground $(( 2 * TIMEOUT_S + 60 )) java -Xms64m -Xmx512m -cp "$CLIENT_CP" "$BENCH_DIR/JmsLoad.java" \
    "tcp://127.0.0.1:$EXTERNAL_PORT" "$WARMUP_N" "$N" "$PRODUCERS" "$TIMEOUT_S" "$BATCH" >"$C_OUT" 2>"$TMP/jmsload-ceiling.err" \
    || echo "JmsLoad exit $?" >>"$C_OUT"
  times >"$C_OUT.times"
)
cs1=$(sys_busy); ct1=$(now_ns); co1=$(cpu_ticks "$BROKER_PID" "$CEIL_PID")
grep -q '^JMSLOAD phase=measured ' "$C_OUT" || { cat "$C_OUT" >&2; tail -30 "$TMP/jmsload-ceiling.err" >&2; die "JmsLoad (ceiling) printed no result"; }
OTHER_CEIL=$(other_pct "$cs0" "$cs1" $((co1 - co0 + $(child_ticks "$C_OUT.times"))) $((ct1 - ct0)))
log "ceiling: $(grep '^JMSLOAD phase=measured ' "$C_OUT")"
stop_pid "$CEIL_PID"
stop_pid "$BROKER_PID"
CEIL_RATE=$(kv "$C_OUT" msg_per_s)
CEIL_MET=no
[ "$(kv "$C_OUT" complete)" = true ] && [ "$(kv "$C_OUT" success_ok)" = "$N" ] && [ "$(kv "$C_OUT" wrong)" = 0 ] && CEIL_MET=yes

# ---------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------
RATE=$(kv "$OUT" msg_per_s)
COMPLETE=$(kv "$OUT" complete)
RECEIVED=$(kv "$OUT" received)
SUCCESS_OK=$(kv "$OUT" success_ok)
WRONG=$(kv "$OUT" wrong)
DUPS=$(grep -E '^JMSLOAD_LATE ' "$OUT" | tr ' ' '\n' | awk -F= '$1 == "duplicates" { print $2 }')
DUPS=${DUPS:-$(kv "$OUT" duplicates)}
STRAY=$(grep -E '^JMSLOAD_LATE ' "$OUT" | tr ' ' '\n' | awk -F= '$1 == "stray" { print $2 }')
STRAY=${STRAY:-$(kv "$OUT" stray)}
RESULTS_MET=no
[ "$COMPLETE" = true ] && [ "$RECEIVED" = "$N" ] && [ "$SUCCESS_OK" = "$N" ] && [ "$WRONG" = 0 ] && [ "${DUPS:-1}" = 0 ] && RESULTS_MET=yes
RATE_MET=no
ge "$RATE" "$TARGET" && RATE_MET=yes
[ "$RESULTS_MET" = yes ] || RATE_MET="no (results incomplete or wrong)"
QUIET_MET=yes
[ "$OTHER" -le "$QUIET_MAX_PCT" ] && [ "$OTHER_CEIL" -le "$QUIET_MAX_PCT" ] || QUIET_MET="no: numbers disturbed by other work"
PCT_OF_CEIL=$(awk -v a="$RATE" -v b="$CEIL_RATE" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "n/a" }')
PCT_MET=$(yesno_ge "$PCT_OF_CEIL" "$PCT_TARGET")
[ "$RESULTS_MET" = yes ] && [ "$CEIL_MET" = yes ] || PCT_MET="no (results incomplete or wrong)"
PEAK_MIB=$(mib "${PEAK_RSS_KB:-0}"); HWM_MIB=$(mib "$HWM_KB"); IDLE_MIB=$(mib "$IDLE_RSS_KB")
if [ "$BATCH" -gt 0 ]; then SEND_MODE="transacted, a commit every $BATCH messages"; else SEND_MODE="non-transacted, each send confirmed by the broker"; fi

{
  echo "## JMS benchmark: aopay.resendotp.requests -> aopay.resendotp.success (JVM mode)"
  echo
  echo "- date: $RUN_DATE; commit: $COMMIT$DIRTY"
  echo "- machine: nproc=$NPROC ($CPU_MODEL), memory $MEM"
  echo "- java: $JAVA_VERSION; bundle JAVA_OPTS='${JAVA_OPTS}'"
  echo "- bundle: embedded Artemis broker (persistent journal in its own working dir, 127.0.0.1:$BROKER_PORT), aopay.jms.concurrent-consumers=$CONSUMERS, transacted consume+send, limits off"
  echo "- AOPay stand-in: nginx $NGINX_VERSION (1 worker, \`return 200\`, zero latency)"
  echo "- client: bench/JmsLoad.java, Artemis JMS client ${ARTEMIS_VERSION:-?} over CORE; $PRODUCERS producer threads ($SEND_MODE), persistent text messages, no reply-to; results read from the success queue (and failed/rejected/error/DLQ to count wrong ones)"
  echo "- $WARMUP_N warm-up messages (sent and awaited first), then $N measured: msg/s = $N / (last result received - first send)"
  echo "- everything (client, broker inside the bundle, nginx) shares the same $NPROC cores on 127.0.0.1"
  echo
  echo "| measure | target | value | met? |"
  echo "| --- | --- | --- | --- |"
  echo "| **messages/s end to end** (request queue -> success queue), $N persistent messages, $CONSUMERS consumers | >= $TARGET msg/s | **$RATE msg/s** ($(kv "$OUT" elapsed_s) s first send -> last result) | $RATE_MET |"
  echo "| **bundle as % of the JMS ceiling** (same broker code, disk, client; JmsCeiling moves each message in one transaction, no AOPay, no claim) | >= $PCT_TARGET % | **$PCT_OF_CEIL %** (ceiling $CEIL_RATE msg/s; its results complete and right: $CEIL_MET) | $PCT_MET |"
  echo "| results | $N on the success queue, outcome=SUCCESS, none twice | received $RECEIVED of $N; SUCCESS $SUCCESS_OK; wrong $WRONG ($(kv "$OUT" by_queue)); duplicates ${DUPS:-?}; complete=$COMPLETE | $RESULTS_MET |"
  echo "| end-to-end latency per message (send call -> result received) | info | p50 $(kv "$OUT" p50_ms) ms, p99 $(kv "$OUT" p99_ms) ms, max $(kv "$OUT" max_ms) ms (the queue fills when sending outpaces the bundle) | n/a |"
  echo "| producers' send rate | info (must exceed the result rate, or the client is the limit) | $(kv "$OUT" send_rate) msg/s ($(kv "$OUT" send_s) s for $N) | n/a |"
  echo "| warm-up | info | $(kv "$OUT" warmup_n) messages in $(kv "$OUT" warmup_s) s, wrong $(kv "$OUT" warmup_wrong) | n/a |"
  echo "| CPU during the client run (${RUN_S} s, of $((NPROC * 100))%) | info | bundle + broker ${BUNDLE_CPU}%, nginx ${NGINX_CPU}%, client ${CLIENT_CPU}% (incl. its start and source compile) | n/a |"
  echo "| bundle log written during the client run ($((WARMUP_N + N)) messages) | info | $LOG_MIB MiB, $LOG_LINES lines, of which $AUDIT_LINES from the embedded broker's audit loggers (org.apache.activemq.audit.*) | n/a |"
  echo "| bundle RSS | info | idle after start $IDLE_MIB MiB; peak $PEAK_MIB MiB (VmRSS every 0.5 s); kernel VmHWM $HWM_MIB MiB | n/a |"
  echo "| CPU used by other processes (not this benchmark), % of one core | <= ${QUIET_MAX_PCT}% (quiet machine) | before: ${PRE_BUSY}%; during the client run: ${OTHER}%; during the ceiling run: ${OTHER_CEIL}% | $QUIET_MET |"
  echo
  echo "<details><summary>raw result</summary>"
  echo
  echo '```'
  grep -E '^JMSLOAD' "$OUT" || true
  echo "== ceiling"
  grep -E '^JMSLOAD' "$C_OUT" || true
  echo '```'
  echo
  echo "</details>"
} >"$TMP/table.md"

publish_table
[ "$STRAY" = 0 ] || log "note: $STRAY result messages not from this run's phase (stray)"

summary n "$N"
summary consumers "$CONSUMERS"
summary rate "$RATE"
summary results_met "$RESULTS_MET"
summary received "$RECEIVED"
summary success_ok "$SUCCESS_OK"
summary wrong "$WRONG"
summary duplicates "${DUPS:-?}"
summary p99_ms "$(kv "$OUT" p99_ms)"
summary idle_rss_mib "$IDLE_MIB"
summary peak_rss_mib "$PEAK_MIB"
summary ceiling_rate "$CEIL_RATE"
summary pct_of_ceiling "$PCT_OF_CEIL"
summary ceiling_ok "$CEIL_MET"
summary quiet "$QUIET_MET"
