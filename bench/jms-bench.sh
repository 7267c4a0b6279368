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
REPO=$(cd "$BENCH_DIR/.." && pwd)
cd "$REPO"

N=${N:-20000}
WARMUP_N=${WARMUP_N:-2000}
PRODUCERS=${PRODUCERS:-2}
BATCH=${BATCH:-50}
CONSUMERS=${CONSUMERS:-16}
TARGET=${TARGET:-1000}
TIMEOUT_S=${TIMEOUT_S:-300}
JAVA_OPTS=${JAVA_OPTS:-}
KEEP_TMP=${KEEP_TMP:-0}
QUIET_MAX_PCT=${QUIET_MAX_PCT:-20}
QUIET_WAIT_S=${QUIET_WAIT_S:-120}

JAR=target/quarkus-app/quarkus-run.jar
RESEND_PATH=/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP
AOPAY_OK_BODY='{"status":true,"msg":"OTP Resend Request Completed","data":{"message":"OTP Resend Request Completed","response_code":1,"error_code":0,"data":{"primaryKeyId":"TEST","encodeTxnId":"DEMO"}},"statusCode":200}'
REQUEST_BODY='{"Userkey":"AOP554N3X","Mobile":9876543210,"AdhaarNumber":"234123412346","PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}'
RESULTS_DIR="$BENCH_DIR/results"
RESULTS_FILE="$RESULTS_DIR/jms-latest.md"

log() { printf '[jms-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

for v in N WARMUP_N PRODUCERS BATCH CONSUMERS TARGET TIMEOUT_S QUIET_MAX_PCT QUIET_WAIT_S; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done

# ---------------------------------------------------------------------------
# Clean-up: every process this script starts is recorded in PIDS and ended on exit.
# ---------------------------------------------------------------------------
PIDS=()
TMP=$(mktemp -d /tmp/jms-bench.XXXXXX)
chmod 755 "$TMP"

stop_pid() {  # pid: TERM, up to 10 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [ "$KEEP_TMP" = 1 ] || [ $rc -ne 0 ]; then
    log "logs kept in $TMP"
  else
    rm -rf "$TMP"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  [ "$(id -u)" = 0 ] || die "nginx is needed: apt-get install -y nginx (as root)"
  log "installing nginx"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$TMP/apt.log" 2>&1 || { tail -20 "$TMP/apt.log" >&2; die "apt-get update"; }
  apt-get install -y -q --no-install-recommends nginx >>"$TMP/apt.log" 2>&1 \
    || { tail -20 "$TMP/apt.log" >&2; die "apt-get install nginx"; }
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
for t in java curl ss awk timeout; do
  command -v "$t" >/dev/null 2>&1 || die "$t is not installed"
done

if [ ! -f "$JAR" ]; then
  log "building $JAR (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests || die "build"
fi
[ -f "$JAR" ] || die "$JAR missing after the build"

log "class path of the JMS client (./mvnw dependency:build-classpath)"
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$TMP/classpath.txt" \
  >"$TMP/classpath.log" 2>&1 || { tail -20 "$TMP/classpath.log" >&2; die "dependency:build-classpath"; }
grep -q 'artemis-jakarta-client' "$TMP/classpath.txt" || die "no artemis-jakarta-client on the project's class path"
CLIENT_CP=$(cat "$TMP/classpath.txt")

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
free_port() {  # a TCP port nobody listens on (random in 20000-49999, 200 tries)
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
    if [ -z "$(ss -Htln "( sport = :$p )" 2>/dev/null)" ]; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

now_ns() { date +%s%N; }

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

cpu_ticks() {  # utime+stime of the given pids (clock ticks)
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

sys_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
other_pct() {  # other_pct BUSY0 BUSY1 OURS_TICKS WALL_NS: CPU of others, % of one core
  awk -v b0="$1" -v b1="$2" -v o="$3" -v ns="$4" -v hz="$CLK_TCK" \
    'BEGIN { v = 100 * (b1 - b0 - o) / hz / (ns / 1e9); if (v < 0) v = 0; printf "%.0f", v }'
}
pct_of_core() {  # pct_of_core TICKS WALL_NS
  awk -v t="$1" -v ns="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }'
}
child_ticks() {  # user+sys of reaped children from a `times` output file, in ticks
  sed -n 2p "$1" | awk -v hz="$CLK_TCK" '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); n += a[1] * 60 + a[2] } printf "%.0f", n * hz }'
}
kv() {  # kv FILE KEY: value of KEY=value on the line starting with "JMSLOAD "
  grep -E '^JMSLOAD ' "$1" | head -1 | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { sub(/^[^=]*=/, ""); print }'
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a == a + 0 && a >= b) }'; }

# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------
NPROC=$(nproc)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
JAVA_VERSION=$(java -version 2>&1 | head -1)
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$( [ -n "$(git status --porcelain --untracked-files=no -- src routes pom.xml 2>/dev/null)" ] && echo " (+ uncommitted changes in src/routes/pom)" || true)
NGINX_VERSION=$( { "$NGINX" -v 2>&1 || true; } | sed 's/^nginx version: //')
ARTEMIS_VERSION=$(tr ':' '\n' <"$TMP/classpath.txt" | grep -oE 'artemis-jakarta-client-[0-9]+(\.[0-9]+)*' | head -1 | sed 's/artemis-jakarta-client-//')
log "machine: $NPROC cores ($CPU_MODEL), $MEM, $JAVA_VERSION"

wait_quiet() {  # wait_quiet PHASE: up to QUIET_WAIT_S for a 3 s window with <= QUIET_MAX_PCT busy
  local deadline=$(( $(date +%s) + QUIET_WAIT_S )) b0 b1 t0 t1 busy
  while :; do
    b0=$(sys_busy); t0=$(now_ns); sleep 3; b1=$(sys_busy); t1=$(now_ns)
    busy=$(other_pct "$b0" "$b1" 0 $((t1 - t0)))
    [ "$busy" -le "$QUIET_MAX_PCT" ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "WARNING: the machine is still busy (${busy}% CPU) before $1; measuring anyway"
      break
    fi
    log "the machine is busy (${busy}% CPU used by other processes) before $1; waiting"
  done
  QUIET_BUSY=$busy
}
wait_quiet "the start"
PRE_BUSY=$QUIET_BUSY

# ---------------------------------------------------------------------------
# The AOPay stand-in: nginx on 127.0.0.1, its own config, pid, logs, temp dirs
# ---------------------------------------------------------------------------
NGX="$TMP/nginx"
mkdir -p "$NGX/logs" "$NGX/tmp"
NGINX_PORT=$(free_port) || die "no free port"
NGINX_USER=""
[ "$(id -u)" = 0 ] && NGINX_USER="user root root;"
cat >"$NGX/nginx.conf" <<EOF
$NGINX_USER
worker_processes 1;
daemon off;
master_process on;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $NGX/tmp/body;
  proxy_temp_path $NGX/tmp/proxy;
  fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi;
  scgi_temp_path $NGX/tmp/scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = $RESEND_PATH {
      default_type application/json;
      return 200 '$AOPAY_OK_BODY';
    }
    location / { return 404; }
  }
}
EOF
"$NGINX" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" -t >"$NGX/logs/configtest.log" 2>&1 \
  || { cat "$NGX/logs/configtest.log" >&2; die "nginx config"; }
"$NGINX" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" >"$NGX/logs/stdout.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
STANDIN_URL="http://127.0.0.1:$NGINX_PORT$RESEND_PATH"
code=""
for i in $(seq 1 100); do
  code=$(curl -s -o "$TMP/standin.json" -w '%{http_code}' --max-time 1 -X POST \
    -H 'Content-Type: application/json' -d "$REQUEST_BODY" "$STANDIN_URL" || true)
  [ "$code" = 200 ] && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$NGX/logs/"*.log >&2; die "nginx exited"; }
  sleep 0.05
done
[ "$code" = 200 ] || die "the nginx stand-in did not answer 200 (got $code)"
[ "$(cat "$TMP/standin.json")" = "$AOPAY_OK_BODY" ] || die "the stand-in answers an unexpected body"
NGINX_PIDS=("$NGINX_PID" $(pgrep -P "$NGINX_PID" || true))
log "nginx stand-in on 127.0.0.1:$NGINX_PORT (pids ${NGINX_PIDS[*]})"

# ---------------------------------------------------------------------------
# The bundle: its own working directory (broker journal in data/broker) and its own
# embedded broker on a free port, as in rest-bench.sh
# ---------------------------------------------------------------------------
BUNDLE_PORT=$(free_port) || die "no free port"
BROKER_PORT=$(free_port) || die "no free port"
[ "$BROKER_PORT" != "$BUNDLE_PORT" ] || BROKER_PORT=$(free_port) || die "no free port"
RUN_DIR=$(mktemp -d "$TMP/bundle-run.XXXX")
BLOG="$TMP/bundle.log"
# shellcheck disable=SC2086
(cd "$RUN_DIR" && exec java $JAVA_OPTS \
  -Daopay.base-url="http://127.0.0.1:$NGINX_PORT" \
  -Daopay.auth.api-key=bench \
  -Daopay.limits.enabled=false \
  -Daopay.jms.concurrent-consumers="$CONSUMERS" \
  -Daopay.jms.embedded-broker.enabled=true \
  -Daopay.jms.embedded-broker.host=127.0.0.1 \
  -Daopay.jms.embedded-broker.port="$BROKER_PORT" \
  -Daopay.jms.broker-url="tcp://127.0.0.1:$BROKER_PORT" \
  -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$BUNDLE_PORT" \
  '-Dquarkus.log.category."org.aepsbridge.resendotp.resend".level=WARN' \
  -jar "$REPO/$JAR") >"$BLOG" 2>&1 &
BUNDLE_PID=$!
PIDS+=("$BUNDLE_PID")
code=""
for i in $(seq 1 450); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$BUNDLE_PORT/q/health/ready" || true)
  [ "$code" = 200 ] && break
  kill -0 "$BUNDLE_PID" 2>/dev/null || { tail -40 "$BLOG" >&2; die "the bundle exited during start-up"; }
  sleep 0.2
done
[ "$code" = 200 ] || { tail -40 "$BLOG" >&2; die "the bundle was not ready within 90 s"; }
grep -q "Embedded ActiveMQ Artemis broker listening on 127.0.0.1:$BROKER_PORT" "$BLOG" \
  || { tail -40 "$BLOG" >&2; die "the bundle's log does not show its embedded broker on 127.0.0.1:$BROKER_PORT"; }
log "bundle on 127.0.0.1:$BUNDLE_PORT (pid $BUNDLE_PID), broker tcp://127.0.0.1:$BROKER_PORT, working dir $RUN_DIR"
IDLE_RSS_KB=$(rss_kb "$BUNDLE_PID")

# RSS sampler: every 0.5 s while the bundle lives, bounded in count
RSS_SAMPLES="$TMP/rss-samples.txt"
(
  for i in $(seq 1 $(( (2 * TIMEOUT_S + QUIET_WAIT_S + 120) * 2 ))); do
    kill -0 "$BUNDLE_PID" 2>/dev/null || break
    rss_kb "$BUNDLE_PID" >>"$RSS_SAMPLES"
    sleep 0.5
  done
) &
SAMPLER_PID=$!
PIDS+=("$SAMPLER_PID")

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
  timeout $(( 2 * TIMEOUT_S + 60 )) java -Xms64m -Xmx512m -cp "$CLIENT_CP" "$BENCH_DIR/JmsLoad.java" \
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
[ "$OTHER" -le "$QUIET_MAX_PCT" ] || QUIET_MET="no: numbers disturbed by other work"
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
  echo "| results | $N on the success queue, outcome=SUCCESS, none twice | received $RECEIVED of $N; SUCCESS $SUCCESS_OK; wrong $WRONG ($(kv "$OUT" by_queue)); duplicates ${DUPS:-?}; complete=$COMPLETE | $RESULTS_MET |"
  echo "| end-to-end latency per message (send call -> result received) | info | p50 $(kv "$OUT" p50_ms) ms, p99 $(kv "$OUT" p99_ms) ms, max $(kv "$OUT" max_ms) ms (the queue fills when sending outpaces the bundle) | n/a |"
  echo "| producers' send rate | info (must exceed the result rate, or the client is the limit) | $(kv "$OUT" send_rate) msg/s ($(kv "$OUT" send_s) s for $N) | n/a |"
  echo "| warm-up | info | $(kv "$OUT" warmup_n) messages in $(kv "$OUT" warmup_s) s, wrong $(kv "$OUT" warmup_wrong) | n/a |"
  echo "| CPU during the client run (${RUN_S} s, of $((NPROC * 100))%) | info | bundle + broker ${BUNDLE_CPU}%, nginx ${NGINX_CPU}%, client ${CLIENT_CPU}% (incl. its start and source compile) | n/a |"
  echo "| bundle log written during the client run ($((WARMUP_N + N)) messages) | info | $LOG_MIB MiB, $LOG_LINES lines, of which $AUDIT_LINES from the embedded broker's audit loggers (org.apache.activemq.audit.*) | n/a |"
  echo "| bundle RSS | info | idle after start $IDLE_MIB MiB; peak $PEAK_MIB MiB (VmRSS every 0.5 s); kernel VmHWM $HWM_MIB MiB | n/a |"
  echo "| CPU used by other processes (not this benchmark), % of one core | <= ${QUIET_MAX_PCT}% (quiet machine) | before: ${PRE_BUSY}%; during the client run: ${OTHER}% | $QUIET_MET |"
  echo
  echo "<details><summary>raw result</summary>"
  echo
  echo '```'
  grep -E '^JMSLOAD' "$OUT" || true
  echo '```'
  echo
  echo "</details>"
} >"$TMP/table.md"

mkdir -p "$RESULTS_DIR"
cp "$TMP/table.md" "$RESULTS_FILE"
cat "$TMP/table.md"
log "written to ${RESULTS_FILE#"$REPO"/}"
[ "$STRAY" = 0 ] || log "note: $STRAY result messages not from this run's phase (stray)"
