#!/bin/bash
# One training run for a class-data-sharing (AppCDS) archive, the way the image makes its own
# (Dockerfile.jvm) and bench/lib.sh makes the benchmarks':
#   cds-training.sh ARCHIVE MANAGEMENT_PORT COMMAND...
# runs COMMAND (a java launch of the application with -XX:ArchiveClassesAtExit=ARCHIVE among its
# JVM options), waits until GET /q/health/ready on 127.0.0.1:MANAGEMENT_PORT answers 200 (at most
# 180 s), then stops it with TERM: on its way out the JVM writes every class that start-up loaded
# (the JDK's, Quarkus', Camel's, the bundle's) into ARCHIVE. Started with -XX:SharedArchiveFile=ARCHIVE by the same JVM build, the
# application maps those classes instead of reading, parsing and verifying them again. A JVM
# that cannot use the archive (another JDK build, a changed jar) ignores it and starts as without.
# Exits non-zero, and leaves no archive, when the application did not get ready or no archive
# was written. Bash only (/dev/tcp), no curl.
set -u
archive=$1 port=$2
shift 2
rm -f "$archive"
"$@" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 130' INT TERM

ready() {
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 2>/dev/null
  IFS= read -r -t 5 line <&3
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1."[01]" 200"* ]]
}

for _ in $(seq 1 900); do
  ready && break
  kill -0 "$pid" 2>/dev/null || { echo "cds-training: the application exited before it was ready" >&2; exit 1; }
  sleep 0.2
done
if ! ready; then
  echo "cds-training: the application was not ready within 180 s" >&2
  kill -KILL "$pid" 2>/dev/null
  rm -f "$archive"
  exit 1
fi
kill -TERM "$pid"
wait "$pid"
[ -s "$archive" ] || { echo "cds-training: no archive written at $archive" >&2; exit 1; }
echo "cds-training: $archive ($(du -h "$archive" | cut -f1))"
