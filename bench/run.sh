#!/usr/bin/env bash
# Runs Waymark's benchmarks (never part of the tests). Figures go in docs/performance.md.
#   bench/run.sh jmh          JMH: single evaluation of a ~150-resource older patient (average, p99)
#   bench/run.sh load         patient-view with prefetch over loopback at concurrency 1, 16, 64 (LEVELS="16": others; REQUEST=older: ~150 resources;
#                             AUTH=on: client JWTs, ES384 or with BENCH_ALG=RS384 RS384, signed before each measured window;
#                             WARMUP_SECONDS: warm-up at the highest concurrency first, default 180: C2 is still compiling after 60 s;
#                             LOAD_CLIENT=wrk: the measured windows loaded by wrk instead of the Java generator (after WRK_WARMUP_SECONDS,
#                             default 30, of wrk at the highest level), and the server's
#                             CPU a request broken down by thread: request threads, the store's writer, the collector, the JIT)
#   bench/run.sh startup      time from process start to the first answered patient-view request, on a new store and restarted on it
#                             (JAVA_HOME picks the server's JDK, as for ./waymark, and Maven's: with another JDK build first and set BENCH_BUILD=no;
#                             WAYMARK_CLASS_DATA=off: no start-up archive or cache)
#   bench/run.sh tokens       CPU per client-token signature and verification, JDK providers and Conscrypt
#   bench/run.sh calls [THREADS] [SECONDS] [WINDOWS]   the older patient's call without HTTP, tokens or the store (CallLoad),
#                             on 16 threads by default: calls/s and CPU a call window by window, the load benchmark's ceiling
#   bench/run.sh paired DIR [[Class#]method ...]   this build against the one in checkout DIR, rounds alternating in one JVM (PairedCpu)
#   bench/run.sh screen N             generate N patients, time a plain Jackson pass over them, then screen them within a 1 GiB heap
#                                     with ./waymark screen (its start-up archive; the rule sets rebuilt from the knowledge the
#                                     warm-up's serve kept; SCREEN_DATA=new: a new data folder, so they are compiled)
#   bench/run.sh screen-realistic N   the same with the realistic profile (older people, ~260 KB of NDJSON each)
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_BUILD=no: use the build already there (repeated runs of unchanged code).
if [ "${BENCH_BUILD:-yes}" != no ]; then
  mvn -B -q -DskipTests package >&2
  touch cli/target/.waymark-built  # what ./waymark checks before building again
fi
# The launcher's start-up archive (class-data.sh) is made on its first run after the jars change: here, not in a measured start.
# Every file a run makes (stores, keys, requests, the server log, populations) goes in one scratch folder, removed
# on exit: no throwaway client keys or stores are left behind. KEEP_SCRATCH=on keeps it for diagnosis.
SCRATCH=$(mktemp -d /tmp/waymark-bench.XXXXXX)
SERVER_PID=
stop() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; }
cleanup() { stop; [ "${KEEP_SCRATCH:-}" = on ] || rm -rf "$SCRATCH"; }
trap cleanup EXIT
# Its data folder stays for `screen`, which rebuilds the rule sets from the compiled knowledge the server kept there.
WAYMARK_DATA=$SCRATCH/warm ./waymark serve --dev --port 0 --exit-when-ready >/dev/null 2>&1
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
REQ=test-fixtures/src/main/resources/org/waymark/fixtures/cds-hooks/frail-patient-view.json
PORT=${PORT:-18181}
# Each run has its own server log, so runs from several checkouts (on different PORTs) do not mix.
SERVER_LOG=$SCRATCH/server.log

serve() {
  if curl -s -o /dev/null "localhost:$PORT/health"; then echo "port $PORT is already in use (another run?); set PORT" >&2; exit 1; fi
  WAYMARK_DATA=${BENCH_STORE:-$(mktemp -d "$SCRATCH/store.XXXXXX")} ./waymark serve ${SERVE_ARGS:---dev} --port "$PORT" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 480); do curl -sf "localhost:$PORT/health" >/dev/null && return; sleep 0.25; done
  echo "server did not start; its log:" >&2; tail -40 "$SERVER_LOG" >&2; exit 1
}

# Each live server thread's CPU ticks (user + system): "tid<TAB>name<TAB>ticks", the name without a trailing number
# ("GC Thread#1" is "GC Thread"), for the load run's CPU breakdown.
thread_ticks() {
  for t in /proc/"$SERVER_PID"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) && stat=$(cat "$t/stat" 2>/dev/null) || continue
    read -r -a f <<< "${stat##*) }"  # after the name, which may hold spaces: the state, then stat's fields 4 on
    printf '%s\t%s\t%d\n' "${t##*/}" "$(sed 's/[#-]*[0-9]*$//' <<< "$name")" $(( f[11] + f[12] ))
  done
}

case "${1:-}" in
  jmh)
    java -Dwaymark.repo.root="$PWD" -cp "$CP" org.openjdk.jmh.Main EvaluationBenchmark -rf text -rff /tmp/jmh-result.txt
    ;;
  load)
    # Workload: the frail patient fixture (small record), or with REQUEST=older the ~150-resource older patient.
    if [ "${REQUEST:-}" = older ]; then REQ=$SCRATCH/older-request.json; java -cp "$CP" org.waymark.bench.WriteOlderPatientRequest "$REQ"; fi
    # AUTH=on: a throwaway trusted client; every request carries its own JWT, signed before the measured window.
    if [ "${AUTH:-}" = on ]; then
      keys=$SCRATCH/keys; mkdir -m 700 "$keys"; java -cp "$CP" org.waymark.bench.MakeBenchClient "$keys"
      # --dev only allows the http public URL here: with --clients, every call's JWT is still verified.
      SERVE_ARGS="--dev --clients $keys/clients.yaml --public-url http://localhost:$PORT"; export WAYMARK_BENCH_KEY="$keys/client.jwk"
    fi
    serve
    URL="http://localhost:$PORT/cds-services/neighbourhood-care"
    if [ "${LOAD_CLIENT:-java}" != wrk ]; then
      WAYMARK_BENCH_SERVER_PID=$SERVER_PID CLK_TCK=$(getconf CLK_TCK) java -cp "$CP" org.waymark.bench.LoadGenerator "$URL" "$REQ" "${SECONDS_PER_LEVEL:-20}" ${LEVELS:-1 16 64}
      exit 0
    fi
    # LOAD_CLIENT=wrk (Debian package wrk): the Java generator warms the server up, then wrk, written in C, loads it in the
    # measured windows, so the client takes less of the cores the server is measured on. With AUTH=on every request still
    # carries its own token, signed before the window (WRK_TOKENS_PER_SECOND of them per second of the window).
    WARMUP_ONLY=on java -cp "$CP" org.waymark.bench.LoadGenerator "$URL" "$REQ" "${SECONDS_PER_LEVEL:-20}" ${LEVELS:-1 16 64}
    # Then wrk itself at the highest level (WRK_WARMUP_SECONDS, default 30), so the window follows load from the client it
    # measures with. Under steady load C2 went on compiling for about six minutes on a slow machine (docs/performance.md),
    # so a steady-state figure needs WRK_WARMUP_SECONDS=420 or so. With AUTH=on it
    # runs in parts of at most 60 s, each with tokens signed just before it (WRK_WARMUP_TOKENS_PER_SECOND, default 1500),
    # so none expires before it is sent.
    warm_left=${WRK_WARMUP_SECONDS:-30}
    highest=$(printf '%s\n' ${LEVELS:-1 16 64} | sort -n | tail -1)
    while [ "$warm_left" -gt 0 ]; do
      part=$(( warm_left < 60 ? warm_left : 60 )); warm_left=$(( warm_left - part ))
      tokens=""
      if [ "${AUTH:-}" = on ]; then
        tokens=$SCRATCH/tokens; java -cp "$CP" org.waymark.bench.WriteClientTokens "$URL" $(( ${WRK_WARMUP_TOKENS_PER_SECOND:-1500} * part )) "$tokens" >&2
      fi
      # wrk needs at least as many connections as threads: one thread for LEVELS="1".
      warm_threads=$(( highest < 2 ? 1 : 2 ))
      WRK_BODY=$REQ WRK_TOKENS=$tokens WRK_THREADS=$warm_threads wrk -t"$warm_threads" -c"$highest" -d"${part}s" --timeout 10s -s bench/wrk/post.lua "$URL" >/dev/null
      echo "(warm-up: $part s of wrk at concurrency $highest, $warm_left s to go)" >&2
    done
    echo "concurrency  requests  errors  throughput/s   p50 ms   p99 ms   server p50   server p99   server CPU ms/req   generator CPU ms/req  (wrk)"
    seconds=${SECONDS_PER_LEVEL:-20}
    breakdown=
    for level in ${LEVELS:-1 16 64}; do
      tokens=""
      if [ "${AUTH:-}" = on ]; then
        tokens=$SCRATCH/tokens; java -cp "$CP" org.waymark.bench.WriteClientTokens "$URL" $(( ${WRK_TOKENS_PER_SECOND:-4000} * seconds )) "$tokens" >&2
      fi
      threads=$(( level < 2 ? 1 : 2 ))
      thread_ticks > "$SCRATCH/threads-before"
      read -r -a before < "/proc/$SERVER_PID/stat"
      line=$(WRK_BODY=$REQ WRK_TOKENS=$tokens WRK_THREADS=$threads /usr/bin/time -f "%U %S" -o "$SCRATCH/wrk-cpu" \
        wrk -t"$threads" -c"$level" -d"${seconds}s" --timeout 10s -s bench/wrk/post.lua "$URL" | tail -1)
      read -r -a after < "/proc/$SERVER_PID/stat"
      thread_ticks > "$SCRATCH/threads-after"
      read -r user sys < "$SCRATCH/wrk-cpu"
      requests=$(echo "$line" | awk '{print $1}')
      server_ms=$(( (after[13] + after[14] - before[13] - before[14]) * 1000 / $(getconf CLK_TCK) ))
      awk -v c="$level" -v line="$line" -v s="$server_ms" -v n="$requests" -v u="$user" -v y="$sys" \
        'BEGIN { printf "%11d  %s  %18.2f  %21.2f\n", c, line, s / n, (u + y) * 1000 / n }'
      breakdown="$breakdown$(awk -F'\t' -v c="$level" -v n="$requests" -v total="$server_ms" -v hz="$(getconf CLK_TCK)" '
        NR == FNR { was[$1] = $3; next }
        { ms[$2] += ($3 - was[$1]) * 1000 / hz }
        END {
          printf "c=%d, server CPU ms a request by thread (the rest: threads under 1%% and threads that ended):", c
          for (k in ms) if (ms[k] >= total / 100) { printf "  %s %.3f", k, ms[k] / n; sum += ms[k] }
          printf "  rest %.3f\n", (total - sum) / n
        }' "$SCRATCH/threads-before" "$SCRATCH/threads-after")
"
    done
    printf '%s' "$breakdown"
    ;;
  startup)
    # A first start on a new store (the serving gate checks every version and keeps its passes), then a restart on the
    # same store, the production case (the passes kept for the same bytes and build are taken; see docs/operations.md).
    BENCH_STORE=$SCRATCH/store
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1
    for run in "first start, new store" "restart, same store"; do
      start=$(date +%s%N)
      serve
      until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data @"$REQ" "localhost:$PORT/cds-services/neighbourhood-care")" = 200 ]; do sleep 0.05; done
      echo "$run: start-up to first answered patient-view request: $(( ($(date +%s%N) - start) / 1000000 )) ms"
      # CPU the server used until then (all threads): the figure a busy shared machine disturbs least.
      read -r -a stat < "/proc/$SERVER_PID/stat"
      echo "$run: server CPU time until then: $(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) )) ms (user+system)"
      echo "$run: server peak RSS until then: $(awk '/^VmHWM/ {print $2, $3}' "/proc/$SERVER_PID/status")"
      grep -E "loaded rule set|serving rule sets|warm-up of|listening" "$SERVER_LOG" | cut -c12-23,60-200
      echo "$run: $(grep -c "not replayed" "$SERVER_LOG" || true) rule-set versions taken from a kept serving-gate pass"
      echo "$run: $(grep -c "rebuilt from compiled knowledge" "$SERVER_LOG" || true) rule-set versions and shared definitions rebuilt from kept compiled knowledge"
      stop; wait "$SERVER_PID" 2>/dev/null || true
    done
    ;;
  tokens)
    java -cp "$CP" org.waymark.bench.VerificationCost
    ;;
  calls)
    java ${JAVA_OPTS:-} -Dwaymark.repo.root="$PWD" -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" org.waymark.bench.CallLoad "${@:2}"
    ;;
  paired)
    # Another checkout, built (mvn -DskipTests package there), against this one in one JVM; methods of EvaluationBenchmark,
    # or ScreeningBenchmark#screenGenerated or #screenRealistic (with JAVA_OPTS=-XX:TieredStopAtLevel=1, as waymark screen runs).
    [ -n "${2:-}" ] || { echo "usage: bench/run.sh paired OTHER_CHECKOUT [[Class#]method ...]" >&2; exit 2; }
    java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" org.waymark.bench.PairedCpu "$PWD" "$2" "${@:3}"
    ;;
  screen|screen-realistic)
    # JAVA=/path/to/java picks another JDK; PROFILE_SCREEN=on records a JFR profile of the screening run.
    n=${2:-100000}; dir=$SCRATCH/screen; mkdir "$dir"; profile=generated; [ "$1" = screen-realistic ] && profile=realistic
    java_bin=${JAVA:-java}; "$java_bin" -version 2>&1 | head -1
    data=$SCRATCH/warm; [ "${SCREEN_DATA:-}" = new ] && data=$(mktemp -d "$SCRATCH/data.XXXXXX")
    ./waymark generate --patients "$n" --seed 1 --out "$dir/in" --profile "$profile"
    # The new input's pages are written to disk now, not by the kernel's writeback during the measured passes below.
    sync
    mb=$(du -cb "$dir"/in/*.ndjson | tail -1 | awk '{printf "%.1f", $1/1e6}')
    echo "input: $n patients, $mb MB of NDJSON"
    threads=$(nproc)
    "$java_bin" -Xmx1g -cp "$CP" org.waymark.bench.JacksonPass "$dir/in" "$threads" | tee "$dir/jackson.txt"
    jfr=""; [ "${PROFILE_SCREEN:-}" = on ] && jfr="-XX:StartFlightRecording=filename=/tmp/waymark-screen.jfr,settings=profile"
    start=$(date +%s%N)
    # The waymark launcher's command as a user runs it (its JVM options for screen, its start-up archive when that is
    # current for the chosen JDK), with that JDK.
    echo "rule sets: $([ "$data" = "$SCRATCH/warm" ] && echo "rebuilt from the knowledge the warm-up's serve kept" || echo "compiled (a new data folder)")"
    # Peak RSS counts the pages of the input files pass 2 reads through a mapping (file-backed, clean: the kernel drops
    # them under pressure); the anonymous part (heap, metaspace, code, stacks) is sampled from /proc every 0.2 s.
    (pid=; until [ -n "$pid" ]; do sleep 0.05; pid=$(pgrep -f "java.*--out $dir/out" | head -1); done
     peak=0
     # Shell builtins only while the run goes on, so sampling takes next to no CPU from it.
     while [ -r "/proc/$pid/status" ]; do
       while read -r key kb _; do [ "$key" = RssAnon: ] && [ "$kb" -gt "$peak" ] && peak=$kb; done < "/proc/$pid/status" 2>/dev/null
       echo "$peak" > "$dir/anon"; sleep 0.2
     done) &
    sampler=$!
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")") JAVA_OPTS="${JAVA_OPTS:-} -Xmx1g $jfr" \
      /usr/bin/time -f "peak RSS %M KB, wall %e s" ./waymark screen --data "$data" --input "$dir/in" --as-of 2026-11-24T09:00:00Z --out "$dir/out" --ids real \
      2>&1 | grep -v "^screening: [0-9]\|partitioning, " | tee "$dir/screen.txt"
    secs=$(awk "BEGIN{print ($(date +%s%N) - $start)/1e9}")
    kill "$sampler" 2>/dev/null || true
    echo "peak anonymous RSS (heap, metaspace, code; not the mapped input's pages) $(cat "$dir/anon" 2>/dev/null || echo '?') KB, sampled every 0.2 s"
    one=$(grep "one thread" "$dir/jackson.txt" | sed -E 's/.*, ([0-9.]+) MB\/s.*/\1/')
    par=$(grep "$threads threads" "$dir/jackson.txt" | sed -E 's/.*, ([0-9.]+) MB\/s.*/\1/')
    screened=$(grep "^screened" "$dir/screen.txt" | sed -E 's/.* in ([0-9.]+) s .*/\1/')
    pass1=$(grep "pass 1 (partitioning)" "$dir/screen.txt" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
    # "screened ... in" is timed from the start of pass 1; the rule sets load beside it, so both figures include that.
    for what in "whole command, JVM start and rule loading included:$secs" "from the start of pass 1 (rule loading beside it):$screened" "of which pass 1:$pass1"; do
      awk -v label="${what%%:*}" -v s="${what##*:}" -v mb="$mb" -v n="$n" -v one="$one" -v par="$par" 'BEGIN{r=mb/s;
        printf "%s %.1f s, %.1f MB/s, %.0f patients/s; %.0f%% of one-thread Jackson, %.0f%% of parallel Jackson\n", label, s, r, n/s, 100*r/one, 100*r/par}'
    done
    if [ -n "$jfr" ]; then
      jfrtool="$(dirname "$(readlink -f "$(command -v "$java_bin")")")/jfr"
      "$jfrtool" print --events jdk.ExecutionSample --stack-depth 96 /tmp/waymark-screen.jfr > /tmp/waymark-screen-samples.txt
      echo "top frames (share of CPU samples):"
      grep -A1 "stackTrace = \[" /tmp/waymark-screen-samples.txt | grep -v "stackTrace\|^--" | sed -E 's/^ +//; s/ +line:.*//' \
        | sort | uniq -c | sort -rn | awk '{n[NR]=$0; t+=$1} END {for (i=1;i<=20;i++) {split(n[i],f," "); printf "  %5.1f%%  %s\n", 100*f[1]/t, f[2]}}'
      echo "inclusive, by stage (a sample counts for the first stage found in its stack):"
      awk '/jdk.ExecutionSample/ {if (s!="") c[s]++; s="other"; next}
           s=="other" && /ca.uhn.fhir.parser/ {s="HAPI parse"} s=="other" && /org.waymark.engine.fhir/ {s="facts (streaming reader)"}
           s=="other" && /org.drools|org.kie/ {s="rules (Drools)"} s=="other" && /org.waymark.pathways/ {s="pathways"}
           s=="other" && /Partitioner|PeekScan/ {s="pass 1 (peek, index, spill)"} s=="other" && /PartitionIndex|LineBlocks|InputBytes/ {s="pass 2 index and read"}
           END {if (s!="") c[s]++; for (k in c) t+=c[k]; for (k in c) printf "  %5.1f%%  %s\n", 100*c[k]/t, k}' /tmp/waymark-screen-samples.txt | sort -rn
    fi
    rm -rf "$dir"
    ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
