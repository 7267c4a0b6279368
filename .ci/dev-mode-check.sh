#!/usr/bin/env bash
# Dev mode must start, and pick up a route file change live (docs/configuration.md, "Dev mode"):
# starts ./mvnw quarkus:dev on the embedded defaults (on free ports, with its folders under
# target/dev-mode), waits until it is ready (health on the management port), then changes a
# route file and waits until the running application logs the changed route. Stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/dev-mode
probe=routes/dev-mode-probe.camel.yaml
rm -rf "$out" && mkdir -p "$out"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http=$(free_port) management=$(free_port) broker=$(free_port)

# A route file of its own, so that no real route is touched: there while dev mode runs, gone after.
write_probe() {
  cat > "$probe" <<EOF
- route:
    id: dev-mode-probe
    description: "Written and deleted by .ci/dev-mode-check.sh: logs its version once, at each start"
    from:
      uri: timer:dev-mode-probe?repeatCount=1
      steps:
        - log:
            message: "dev-mode-probe $1"
EOF
}

dev=""
stop() {
  if [ -n "$dev" ]; then kill -- -"$dev" 2>/dev/null || true; wait "$dev" 2>/dev/null || true; fi
  rm -f "$probe"
}
trap stop EXIT
write_probe v1

QUARKUS_HTTP_PORT=$http QUARKUS_MANAGEMENT_PORT=$management \
AOPAY_JMS_EMBEDDED_BROKER_PORT=$broker AOPAY_JMS_BROKER_URL=tcp://localhost:$broker \
AOPAY_JMS_EMBEDDED_BROKER_DATA_DIR=$out/broker AOPAY_FILE_INBOX=$out/inbox AOPAY_FILE_OUTBOX=$out/outbox \
AOPAY_FILE_DONE=$out/done AOPAY_FILE_ERROR=$out/error AOPAY_FILE_WORK=./$out/work \
  setsid ./mvnw -B quarkus:dev -Ddebug=false -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true \
  > "$out/dev.log" 2>&1 < /dev/null &
dev=$!

# until: wait up to $1 seconds for the command that follows to succeed (and dev mode to be alive)
until_ok() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    kill -0 "$dev" 2>/dev/null || { echo "dev mode stopped:"; tail -40 "$out/dev.log"; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for: $*"; tail -40 "$out/dev.log"; return 1; }
    sleep 2
  done
}
ready() { curl -sf -o /dev/null "http://localhost:$management/q/health/ready"; }
logged() { grep -q "dev-mode-probe $1" "$out/dev.log"; }
# Dev mode looks for changed files when a request comes in (the console, which would watch
# without one, is off here): ask for the OpenAPI document, which needs no key.
changed_and_logged() { curl -s -o /dev/null "http://localhost:$http/q/openapi" || true; logged "$1"; }

until_ok 420 ready
until_ok 30 logged v1
echo "dev mode ready on the embedded defaults (API :$http, management :$management)"
write_probe v2
until_ok 180 changed_and_logged v2
until_ok 120 ready
echo "dev mode picked up the changed route file live"
