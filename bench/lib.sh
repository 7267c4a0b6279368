# Shared helpers of the benchmark scripts (rest-bench.sh, csv-bench.sh, jms-bench.sh, run-all.sh).
# Sourced, not run:  BENCH_NAME=rest-bench; . "$BENCH_DIR/lib.sh"
# Sets REPO and changes to it; defines constants, logging, clean-up of every process a script
# starts, tool checks, CPU and memory accounting, the quiet-machine wait, the nginx stand-in
# and the bundle launcher, and reads the targets from bench/targets.tsv.
# shellcheck shell=bash

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
REPO=$(cd "$BENCH_DIR/.." && pwd)
cd "$REPO"

JAR=target/quarkus-app/quarkus-run.jar
RESEND_PATH=/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP
AOPAY_OK_BODY='{"status":true,"msg":"OTP Resend Request Completed","data":{"message":"OTP Resend Request Completed","response_code":1,"error_code":0,"data":{"primaryKeyId":"TEST","encodeTxnId":"DEMO"}},"statusCode":200}'
REQUEST_BODY='{"Userkey":"AOP554N3X","Mobile":9876543210,"AdhaarNumber":"234123412346","PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}'
RESULTS_DIR="$BENCH_DIR/results"
TARGETS_FILE="$BENCH_DIR/targets.tsv"
QUIET_MAX_PCT=${QUIET_MAX_PCT:-20}
QUIET_WAIT_S=${QUIET_WAIT_S:-120}

log() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------
# Targets: one place, bench/targets.tsv (id, comparison, value, unit, measure)
# ---------------------------------------------------------------------------
target_field() {  # target_field ID COLUMN (2 = comparison, 3 = value, 4 = unit, 5 = measure)
  local v
  v=$(awk -F'\t' -v id="$1" -v c="$2" '$1 == id { print $c; exit }' "$TARGETS_FILE")
  [ -n "$v" ] || die "no target '$1' in ${TARGETS_FILE#"$REPO"/}"
  printf '%s\n' "$v"
}
target_value() { target_field "$1" 3; }
meets() {  # meets ID VALUE: true when VALUE meets target ID (comparison <= or >=)
  local op val
  op=$(target_field "$1" 2)
  val=$(target_value "$1")
  case $op in
    '<=') le "$2" "$val" ;;
    '>=') ge "$2" "$val" ;;
    *) die "target '$1' has no numeric comparison ($op)" ;;
  esac
}
target_text() {  # target_text ID: e.g. "<= 5 ms", or "completes"
  local op val unit
  op=$(target_field "$1" 2); val=$(target_field "$1" 3); unit=$(target_field "$1" 4)
  case $op in
    '<='|'>=') printf '%s %s %s\n' "$op" "$val" "$unit" ;;
    *) printf '%s\n' "$op" ;;
  esac
}

# ---------------------------------------------------------------------------
# Clean-up: every process a script starts is recorded in PIDS and ended on exit.
# ---------------------------------------------------------------------------
bench_start() {  # creates TMP (/tmp/$BENCH_NAME.XXXXXX) and sets the exit traps
  PIDS=()
  TMP=$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")
  chmod 755 "$TMP"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

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
  if [ "${KEEP_TMP:-0}" = 1 ] || [ $rc -ne 0 ]; then
    log "logs kept in $TMP"
  else
    rm -rf "$TMP"
  fi
  exit $rc
}

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------
find_nginx() {  # sets NGINX (empty when not installed)
  NGINX=$(command -v nginx || true)
  if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi
}

apt_install() {  # apt_install PKG...: apt-get install, as root only; sets NGINX again
  local what verb=is
  what=$(printf '%s and ' "$@"); what=${what% and }
  [ $# -gt 1 ] && verb=are
  [ "$(id -u)" = 0 ] || die "$what $verb needed: apt-get install -y $* (as root)"
  log "installing $what"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$TMP/apt.log" 2>&1 || { tail -20 "$TMP/apt.log" >&2; die "apt-get update"; }
  apt-get install -y -q --no-install-recommends "$@" >>"$TMP/apt.log" 2>&1 \
    || { tail -20 "$TMP/apt.log" >&2; die "apt-get install $*"; }
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

require_tools() {  # require_tools CMD...: dies naming the first one missing
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || die "$t is not installed"
  done
}

# ---------------------------------------------------------------------------
# The JVM flags the image ships, for the pod's memory limit: what users run. run-java.sh (the
# base image's launcher) turns JAVA_MAX_MEM_RATIO into -XX:MaxRAMPercentage and adds
# GC_CONTAINER_OPTIONS, then -XX:MinHeapFreeRatio / -XX:MaxHeapFreeRatio from
# GC_MIN_HEAP_FREE_RATIO / GC_MAX_HEAP_FREE_RATIO (10 and 20 when unset). Each value is the one
# k8s/base/deployment.yaml sets (it replaces the image's), else src/main/docker/Dockerfile.jvm's;
# -XX:MaxRAM stands in for the container's limit (limits: memory) on this machine.
# POD_JVM_OPTS=() in the environment is not honoured: set JAVA_OPTS to add flags (they come
# last and win).
# ---------------------------------------------------------------------------
pod_env() {  # pod_env NAME: the pod's value of NAME (deployment.yaml, else Dockerfile.jvm)
  local v
  v=$(sed -n "s/^ *- *{ *name: *$1, *value: *\"\([^\"]*\)\" *}.*/\1/p" "$REPO/k8s/base/deployment.yaml" | head -1)
  [ -n "$v" ] || v=$(sed -n "s/^ENV $1=\"\{0,1\}\([^\"]*\)\"\{0,1\} *\$/\1/p" "$REPO/src/main/docker/Dockerfile.jvm" | head -1)
  printf '%s\n' "$v"
}
pod_jvm_opts() {  # prints the flags, one a line
  local ratio gc limit minfree maxfree
  ratio=$(pod_env JAVA_MAX_MEM_RATIO)
  gc=$(pod_env GC_CONTAINER_OPTIONS)
  minfree=$(pod_env GC_MIN_HEAP_FREE_RATIO); maxfree=$(pod_env GC_MAX_HEAP_FREE_RATIO)
  limit=$(sed -n 's/.*limits: *{ *memory: *\([0-9]*\)Mi.*/\1/p' "$REPO/k8s/base/deployment.yaml" | head -1)
  [ -n "$ratio" ] && [ -n "$gc" ] && [ -n "$limit" ] || return 1
  # shellcheck disable=SC2086
  printf '%s\n' "-XX:MaxRAM=${limit}m" "-XX:MaxRAMPercentage=$ratio" $gc \
    "-XX:MinHeapFreeRatio=${minfree:-10}" "-XX:MaxHeapFreeRatio=${maxfree:-20}"
}
mapfile -t POD_JVM_OPTS < <(pod_jvm_opts || true)
POD_MEMORY_MIB=$(sed -n 's/.*limits: *{ *memory: *\([0-9]*\)Mi.*/\1/p' "$REPO/k8s/base/deployment.yaml" | head -1)

ensure_jar() {  # builds target/quarkus-app/quarkus-run.jar when it is missing
  if [ ! -f "$JAR" ]; then
    log "building $JAR (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests || die "build"
  fi
  [ -f "$JAR" ] || die "$JAR missing after the build"
}

# ---------------------------------------------------------------------------
# Numbers, ports, /proc
# ---------------------------------------------------------------------------
# free_port: a TCP port no socket uses (random, 200 tries), from 20000 up to just below the
# kernel's ephemeral range (32768 by default), where outgoing connections take their local
# ports: a port picked in that range could be taken by a connection before nginx or the bundle
# binds it (seen here: "bind() ... Address already in use" with other builds running).
free_port() {
  local p i lo=20000 hi=49999 eph
  eph=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 0)
  if [ "${eph:-0}" -gt $((lo + 1000)) ]; then hi=$((eph - 1)); fi
  for i in $(seq 1 200); do
    p=$(( lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1) ))
    if [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
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
# VmRSS of a pid into RSS_NOW (kB) with bash builtins only (no fork, for tight sampling loops)
read_rss() {
  local k v u
  RSS_NOW=0
  while read -r k v u; do
    if [ "$k" = "VmRSS:" ]; then RSS_NOW=$v; return 0; fi
  done <"/proc/$1/status" 2>/dev/null || true
}

start_rss_sampler() {  # start_rss_sampler PID FILE MAX_SAMPLES: VmRSS every 0.5 s while PID lives
  local pid=$1 file=$2 max=$3
  (
    for i in $(seq 1 "$max"); do
      kill -0 "$pid" 2>/dev/null || break
      rss_kb "$pid" >>"$file"
      sleep 0.5
    done
  ) &
  SAMPLER_PID=$!
  PIDS+=("$SAMPLER_PID")
}

cpu_ticks() {  # utime+stime of the given pids (clock ticks)
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

# Machine-wide CPU: "busy total" ticks of all cores (user nice system irq softirq steal)
sys_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# CPU used by processes that are not part of this benchmark, in % of one core:
# other_pct BUSY0 BUSY1 OURS_TICKS WALL_NS
other_pct() {
  awk -v b0="$1" -v b1="$2" -v o="$3" -v ns="$4" -v hz="$CLK_TCK" \
    'BEGIN { v = 100 * (b1 - b0 - o) / hz / (ns / 1e9); if (v < 0) v = 0; printf "%.0f", v }'
}
pct_of_core() {  # pct_of_core TICKS WALL_NS
  awk -v t="$1" -v ns="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }'
}
child_ticks() {  # user+sys of reaped children from a `times` output file, in ticks
  sed -n 2p "$1" | awk -v hz="$CLK_TCK" '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); n += a[1] * 60 + a[2] } printf "%.0f", n * hz }'
}
# kv_line REGEX FILE KEY: value of KEY=value on the first line of FILE matching REGEX
kv_line() {
  grep -E "$1" "$2" | head -1 | tr ' ' '\n' | awk -F= -v k="$3" '$1 == k { sub(/^[^=]*=/, ""); print }'
}

le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a == a + 0 && a <= b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a == a + 0 && a >= b) }'; }
yesno() { if le "$1" "$2"; then echo yes; else echo no; fi; }
yesno_ge() { if ge "$1" "$2"; then echo yes; else echo no; fi; }
fmt1() { awk -v a="$1" 'BEGIN { printf "%.1f", a }'; }

# ---------------------------------------------------------------------------
# Machine
# ---------------------------------------------------------------------------
machine_info() {  # sets NPROC MEM JAVA_VERSION CPU_MODEL RUN_DATE COMMIT DIRTY
  NPROC=$(nproc)
  MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  JAVA_VERSION=$(java -version 2>&1 | head -1)
  CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  RUN_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
  COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  DIRTY=$( [ -n "$(git status --porcelain --untracked-files=no -- src routes pom.xml 2>/dev/null)" ] && echo " (+ uncommitted changes in src/routes/pom)" || true)
}

# Other work on the machine skews every number here (2 cores!): wait, bounded, for a
# quiet machine, and measure what other processes use during each measured phase.
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

# ---------------------------------------------------------------------------
# The zero-latency AOPay stand-in: nginx on 127.0.0.1, its own config, pid, logs, temp dirs
# ---------------------------------------------------------------------------
check_standin() {  # check_standin URL PID NAME: POST until 200 with AOPay's body (max ~30 s)
  local code="" i
  for i in $(seq 1 300); do
    code=$(curl -s -o "$TMP/standin.json" -w '%{http_code}' --max-time 2 -X POST \
      -H 'Content-Type: application/json' -d "$REQUEST_BODY" "$1" || true)
    [ "$code" = 200 ] && break
    kill -0 "$2" 2>/dev/null || die "the $3 stand-in exited (logs in $TMP)"
    sleep 0.1
  done
  [ "$code" = 200 ] || die "the $3 stand-in did not answer 200 (got $code)"
  [ "$(cat "$TMP/standin.json")" = "$AOPAY_OK_BODY" ] || die "the $3 stand-in answers an unexpected body"
}

start_nginx() {  # sets NGINX_PORT NGINX_PID NGINX_PIDS (master + worker) STANDIN_URL
  local ngx="$TMP/nginx" user=""
  mkdir -p "$ngx/logs" "$ngx/tmp"
  NGINX_PORT=$(free_port) || die "no free port"
  [ "$(id -u)" = 0 ] && user="user root root;"
  cat >"$ngx/nginx.conf" <<EOF
$user
worker_processes 1;
daemon off;
master_process on;
pid $ngx/nginx.pid;
error_log $ngx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp/body;
  proxy_temp_path $ngx/tmp/proxy;
  fastcgi_temp_path $ngx/tmp/fastcgi;
  uwsgi_temp_path $ngx/tmp/uwsgi;
  scgi_temp_path $ngx/tmp/scgi;
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
  "$NGINX" -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/logs/error.log" -t >"$ngx/logs/configtest.log" 2>&1 \
    || { cat "$ngx/logs/configtest.log" >&2; die "nginx config"; }
  "$NGINX" -p "$ngx" -c "$ngx/nginx.conf" -e "$ngx/logs/error.log" >"$ngx/logs/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  STANDIN_URL="http://127.0.0.1:$NGINX_PORT$RESEND_PATH"
  check_standin "$STANDIN_URL" "$NGINX_PID" nginx
  # shellcheck disable=SC2207
  NGINX_PIDS=("$NGINX_PID" $(pgrep -P "$NGINX_PID" || true))
  log "nginx stand-in on 127.0.0.1:$NGINX_PORT (pids ${NGINX_PIDS[*]})"
}

# ---------------------------------------------------------------------------
# The bundle: the packaged jar in its own working directory (data/ folders, progress store,
# broker journal) with its own embedded broker on a free port. The load repeats one identity,
# so the resend limits (which would answer 429 after the first) are off for the benchmarks.
# ---------------------------------------------------------------------------
BUNDLE_PID=""
BUNDLE_PORT=""
MANAGEMENT_PORT=""
RUN_DIR=""
# start_bundle LOGFILE BASE_URL [-Dkey=value ...]: sets BUNDLE_PID BUNDLE_PORT MANAGEMENT_PORT BROKER_PORT RUN_DIR
# (with EXTERNAL_BROKER_PORT set: no embedded broker, the bundle connects to start_broker's)
# (health on the management port; the bench's load runs open, as one client with a quota of
# 1,000,000 a minute, far above what 2 cores serve: the quota is a rolling window whose cost
# grows with the limit, and at 1,000,000,000 every request failed with an internal error)
# LAUNCH_NS. JVM options go first: POD_JVM_OPTS (the image's flags), BUNDLE_JVM_OPTS (array,
# e.g. -Xmx), then JAVA_OPTS (split). The outcome log stays as shipped (one INFO line a request).
start_bundle() {
  local blog=$1 base_url=$2
  shift 2
  BUNDLE_PORT=$(free_port) || die "no free port"
  MANAGEMENT_PORT=$(free_port) || die "no free port"
  LAUNCH_NS=$(now_ns)
  BROKER_PORT=$(free_port) || die "no free port"
  [ "$BROKER_PORT" != "$BUNDLE_PORT" ] || BROKER_PORT=$(free_port) || die "no free port"
  RUN_DIR=$(mktemp -d "$TMP/bundle-run.XXXX")
  local broker_opts=(-Daopay.jms.embedded-broker.enabled=true -Daopay.jms.embedded-broker.host=127.0.0.1
    -Daopay.jms.embedded-broker.port="$BROKER_PORT" -Daopay.jms.broker-url="tcp://127.0.0.1:$BROKER_PORT")
  if [ -n "${EXTERNAL_BROKER_PORT:-}" ]; then  # the broker of start_broker (below), not its own
    BROKER_PORT=$EXTERNAL_BROKER_PORT
    broker_opts=(-Daopay.jms.embedded-broker.enabled=false -Daopay.jms.broker-url="tcp://127.0.0.1:$BROKER_PORT")
  fi
  cds_launch "$JAR"
  # shellcheck disable=SC2086
  (cd "$RUN_DIR" && exec "${LAUNCH[@]}" "${POD_JVM_OPTS[@]}" "${CDS_OPTS[@]}" "${BUNDLE_JVM_OPTS[@]}" $JAVA_OPTS \
    -Daopay.base-url="$base_url" \
    -Daopay.tls.allow-plain-http=true \
    -Daopay.auth.api-key=bench \
    -Daopay.limits.enabled=false \
    "$@" \
    "${broker_opts[@]}" \
    -Daopay.jms.username=bench-bundle -Daopay.jms.password="$BENCH_BROKER_PASSWORD" \
    -Daopay.jms.embedded-broker.users.bench.password="$BENCH_BROKER_PASSWORD" \
    -Daopay.jms.embedded-broker.users.bench.roles=sender,receiver \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$BUNDLE_PORT" \
    -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -Daopay.security.open-behind-gateway=true \
    -Daopay.security.quota.per-minute=1000000 \
    -Daopay.security.quota.drop-folder-per-minute=1000000 \
    -jar "$REPO/$JAR") >"$blog" 2>&1 &
  BUNDLE_PID=$!
  PIDS+=("$BUNDLE_PID")
}
BUNDLE_JVM_OPTS=()
# The embedded broker authenticates every connection: the bundle and the load client "bench"
# log in with a password made for this run (JmsLoad reads it from JMS_USER / JMS_PASSWORD).
BENCH_BROKER_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
export JMS_USER=bench JMS_PASSWORD="$BENCH_BROKER_PASSWORD"

# ---------------------------------------------------------------------------
# The floor (bench/floor): the smallest Camel Quarkus app on the same stack, with the same
# JVM flags, started the same way; the bundle's start-up and idle RSS are ratios over it.
# ---------------------------------------------------------------------------
FLOOR_JAR=bench/floor/target/quarkus-app/quarkus-run.jar
ensure_floor() {  # builds bench/floor once (./mvnw -f bench/floor/pom.xml package)
  if [ ! -f "$FLOOR_JAR" ] || [ -n "$(find bench/floor/pom.xml bench/floor/src -newer "$FLOOR_JAR" 2>/dev/null | head -1)" ]; then
    log "building the floor app ($FLOOR_JAR)"
    ./mvnw -B -q -f bench/floor/pom.xml package -DskipTests >"$TMP/floor-build.log" 2>&1 \
      || { tail -20 "$TMP/floor-build.log" >&2; die "floor build"; }
  fi
}
# start_floor LOGFILE: sets BUNDLE_PID BUNDLE_PORT MANAGEMENT_PORT LAUNCH_NS (as start_bundle,
# so the same ready poll and RSS reading apply)
start_floor() {
  BUNDLE_PORT=$(free_port) || die "no free port"
  MANAGEMENT_PORT=$(free_port) || die "no free port"
  RUN_DIR=$(mktemp -d "$TMP/floor-run.XXXX")
  LAUNCH_NS=$(now_ns)
  cds_launch "$FLOOR_JAR"
  # shellcheck disable=SC2086
  (cd "$RUN_DIR" && exec "${LAUNCH[@]}" "${POD_JVM_OPTS[@]}" "${CDS_OPTS[@]}" $JAVA_OPTS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$BUNDLE_PORT" \
    -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -jar "$REPO/$FLOOR_JAR") >"$1" 2>&1 &
  BUNDLE_PID=$!
  PIDS+=("$BUNDLE_PID")
}

# ---------------------------------------------------------------------------
# Class data sharing as the image ships it: when src/main/docker/Dockerfile.jvm trains an AppCDS
# archive (src/main/docker/cds-training.sh) and starts with -XX:SharedArchiveFile, the benchmarks
# do the same for the bundle and the floor alike (the floor is the smallest app on the same
# stack, so it gets what the stack gives): one training run per build of each jar (ensure_cds:
# started as measured, stopped with TERM once ready), then every start maps its archive.
# BENCH_CDS=0 or 1 overrides what the Dockerfile says.
# ---------------------------------------------------------------------------
if [ -z "${BENCH_CDS:-}" ]; then
  if grep -q -- '-XX:SharedArchiveFile=' "$REPO/src/main/docker/Dockerfile.jvm"; then BENCH_CDS=1; else BENCH_CDS=0; fi
fi
cds_archive() { echo "$REPO/$(dirname "$1")/app-cds.jsa"; }  # cds_archive JAR
cds_launch() {  # cds_launch JAR: sets LAUNCH (the command before the JVM options) and CDS_OPTS
  local archive
  archive=$(cds_archive "$1")
  LAUNCH=(java)
  CDS_OPTS=()
  if [ "${CDS_TRAINING:-0}" = 1 ]; then
    LAUNCH=("$REPO/src/main/docker/cds-training.sh" "$archive" "$MANAGEMENT_PORT" java)
    CDS_OPTS=("-XX:ArchiveClassesAtExit=$archive")
  elif [ "$BENCH_CDS" = 1 ] && [ -f "$archive" ]; then
    CDS_OPTS=("-XX:SharedArchiveFile=$archive")
  fi
}
ensure_cds() {  # ensure_cds bundle|floor: the training run, when CDS is on and the archive is missing or older than a jar
  local jar archive
  [ "$BENCH_CDS" = 1 ] || return 0
  case $1 in bundle) jar=$JAR ;; floor) jar=$FLOOR_JAR ;; *) die "ensure_cds: $1" ;; esac
  archive=$(cds_archive "$jar")
  if [ -f "$archive" ] && [ -z "$(find "$REPO/$(dirname "$jar")" -name '*.jar' -newer "$archive" | head -1)" ]; then
    return 0
  fi
  log "training the class-data-sharing archive of $1 (${archive#"$REPO"/})"
  if [ "$1" = bundle ]; then
    CDS_TRAINING=1 start_bundle "$TMP/cds-training-$1.log" "http://127.0.0.1:9"
  else
    CDS_TRAINING=1 start_floor "$TMP/cds-training-$1.log"
  fi
  wait "$BUNDLE_PID" || { tail -30 "$TMP/cds-training-$1.log" >&2; die "the CDS training run of $1"; }
  log "$(tail -1 "$TMP/cds-training-$1.log")"
}

# ---------------------------------------------------------------------------
# A broker outside the bundle (bench/Broker.java): the bundle's own embedded-broker code
# (EmbeddedBroker.start, same configuration, users bench-bundle and bench) in a JVM of its own,
# for the JMS ceiling and the start-up with an external broker. Needs CLIENT_CP (the project's
# runtime class path) and the app jar of target/quarkus-app/app.
# ---------------------------------------------------------------------------
BROKER_PID=""
start_broker() {  # start_broker LOGFILE DATADIR: sets BROKER_PID EXTERNAL_PORT (waits until it listens)
  local i app
  app=$(ls "$REPO"/target/quarkus-app/app/*.jar 2>/dev/null | head -1)
  [ -n "$app" ] || die "no app jar in target/quarkus-app/app"
  EXTERNAL_PORT=$(free_port) || die "no free port"
  java "${POD_JVM_OPTS[@]}" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$app:$CLIENT_CP" "$BENCH_DIR/Broker.java" \
    "$EXTERNAL_PORT" "$2" >"$1" 2>&1 &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  for i in $(seq 1 300); do
    grep -q '^BROKER started' "$1" && return 0
    kill -0 "$BROKER_PID" 2>/dev/null || { tail -30 "$1" >&2; die "the broker exited during start-up"; }
    sleep 0.2
  done
  tail -30 "$1" >&2
  die "the broker did not start within 60 s"
}

wait_ready() {  # wait_ready LOGFILE: GET /q/health/ready until 200 (max 90 s)
  local i code=""
  for i in $(seq 1 450); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$BUNDLE_PID" 2>/dev/null || { tail -40 "$1" >&2; die "the bundle exited during start-up"; }
    sleep 0.2
  done
  tail -40 "$1" >&2
  die "the bundle was not ready within 90 s"
}

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
publish_table() {  # $TMP/table.md -> RESULTS_FILE and stdout
  mkdir -p "$RESULTS_DIR"
  cp "$TMP/table.md" "$RESULTS_FILE"
  cat "$TMP/table.md"
  log "written to ${RESULTS_FILE#"$REPO"/}"
}

# summary KEY VALUE: one key=value line for bench/run-all.sh, when it set BENCH_SUMMARY
summary() {
  if [ -n "${BENCH_SUMMARY:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$BENCH_SUMMARY"; fi
}

