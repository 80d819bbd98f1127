#!/usr/bin/env bash
# Runs Waymark's benchmarks (never part of the tests). Figures go in docs/performance.md.
#   bench/run.sh jmh          JMH: single evaluation of a ~150-resource older patient (average, p99)
#   bench/run.sh load         patient-view with prefetch over loopback at concurrency 1, 16, 64 (LEVELS="16": others; REQUEST=older: ~150 resources;
#                             AUTH=on: client JWTs, ES384 or with BENCH_ALG=RS384 RS384, signed before each measured window)
#   bench/run.sh startup      time from process start to the first answered patient-view request
#   bench/run.sh tokens       CPU per client-token signature and verification, JDK providers and Conscrypt
#   bench/run.sh screen N     generate N patients, then screen them within a 1 GiB heap
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_BUILD=no: use the build already there (repeated runs of unchanged code).
if [ "${BENCH_BUILD:-yes}" != no ]; then
  mvn -B -q -DskipTests package >&2
  touch cli/target/.waymark-built  # what ./waymark checks before building again
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
REQ=test-fixtures/src/main/resources/org/waymark/fixtures/cds-hooks/frail-patient-view.json
PORT=${PORT:-18181}
# Each run has its own server log, so runs from several checkouts (on different PORTs) do not mix.
SERVER_LOG=$(mktemp /tmp/waymark-bench-server.XXXXXX.log)

serve() {
  if curl -s -o /dev/null "localhost:$PORT/health"; then echo "port $PORT is already in use (another run?); set PORT" >&2; exit 1; fi
  WAYMARK_DATA=$(mktemp -d) ./waymark serve ${SERVE_ARGS:---dev} --port "$PORT" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!; trap stop EXIT
  for _ in $(seq 1 480); do curl -sf "localhost:$PORT/health" >/dev/null && return; sleep 0.25; done
  echo "server did not start (log: $SERVER_LOG)" >&2; exit 1
}
stop() { kill "$SERVER_PID" 2>/dev/null || true; }

case "${1:-}" in
  jmh)
    java -Dwaymark.repo.root="$PWD" -cp "$CP" org.openjdk.jmh.Main EvaluationBenchmark -rf text -rff /tmp/jmh-result.txt
    ;;
  load)
    # Workload: the frail patient fixture (small record), or with REQUEST=older the ~150-resource older patient.
    if [ "${REQUEST:-}" = older ]; then REQ=$(mktemp /tmp/waymark-older-request.XXXXXX.json); java -cp "$CP" org.waymark.bench.WriteOlderPatientRequest "$REQ"; fi
    # AUTH=on: a throwaway trusted client; every request carries its own JWT, signed before the measured window.
    if [ "${AUTH:-}" = on ]; then
      keys=$(mktemp -d); java -cp "$CP" org.waymark.bench.MakeBenchClient "$keys"
      # --dev only allows the http public URL here: with --clients, every call's JWT is still verified.
      SERVE_ARGS="--dev --clients $keys/clients.yaml --public-url http://localhost:$PORT"; export WAYMARK_BENCH_KEY="$keys/client.jwk"
    fi
    serve
    WAYMARK_BENCH_SERVER_PID=$SERVER_PID CLK_TCK=$(getconf CLK_TCK) java -cp "$CP" org.waymark.bench.LoadGenerator "http://localhost:$PORT/cds-services/neighbourhood-care" "$REQ" "${SECONDS_PER_LEVEL:-20}" ${LEVELS:-1 16 64}
    ;;
  startup)
    start=$(date +%s%N)
    serve
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data @"$REQ" "localhost:$PORT/cds-services/neighbourhood-care")" = 200 ]; do sleep 0.05; done
    echo "start-up to first answered patient-view request: $(( ($(date +%s%N) - start) / 1000000 )) ms"
    # CPU the server used until then (all threads): the figure a busy shared machine disturbs least.
    read -r -a stat < "/proc/$SERVER_PID/stat"
    echo "server CPU time until then: $(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) )) ms (user+system)"
    grep -E "loaded rule set|serving rule sets|warm-up of|listening" "$SERVER_LOG" | cut -c12-23,60-200
    ;;
  tokens)
    java -cp "$CP" org.waymark.bench.VerificationCost
    ;;
  screen)
    n=${2:-100000}; dir=$(mktemp -d)
    ./waymark generate --patients "$n" --seed 1 --out "$dir/in"
    JAVA_OPTS="-Xmx1g" /usr/bin/time -f "peak RSS %M KB, wall %e s" ./waymark screen --input "$dir/in" --as-of 2026-11-24T09:00:00Z --out "$dir/out" --partitions 256
    rm -rf "$dir"
    ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
