#!/usr/bin/env bash
# Catalogue read throughput as a share of the framework's own ceiling, measured in the same run.
#
# Starts two JVMs with the same flags, the shop's production ones (its Dockerfile's JAVA_TOOL_OPTIONS
# and its prod task memory, read by bench/production-jvm.sh), on loopback: the ceiling (shop/bench-ceiling: Spring Boot with
# spring-boot-starter-web alone and one JSON endpoint) and the shop's local run
# (local-run's LocalRun without the hub: embedded PostgreSQL with the demo catalogue, plus Debian's
# redis-server as the catalogue cache when installed). It warms the JIT up, then drives each
# endpoint with wrk at 64 connections in alternating rounds and prints requests/s, p99 latency,
# errors, each endpoint's share of the ceiling and the shop's peak RSS (issue 18: < 512 MiB).
#
#   shop/app/bench/catalog.sh                  # 3 rounds of 10 s per endpoint
#   ROUNDS=5 DURATION=20s CONNECTIONS=64 shop/app/bench/catalog.sh
#   PROFILE=1 shop/app/bench/catalog.sh        # also records the shop with JFR, prints hot frames
#   TINY=1 shop/app/bench/catalog.sh           # CI: one 1 s round, no targets (the script runs)
#
# Targets (issue 18), same run: the shop's /bench/bare >= 60% of the ceiling, catalogue list and
# product detail >= 50%, p99 < 50 ms, zero errors. The script exits non-zero when a request failed,
# and prints each target as met or missed (a loaded machine misses them: compare the load average).
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=bench/production-jvm.sh
source bench/production-jvm.sh

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
if [ -n "${TINY:-}" ]; then
  DURATION=1s ROUNDS=1 WARMUP=1s
fi
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work=$(mktemp -d /tmp/silverjems-bench.XXXXXX)
app_pid=""
ceiling_pid=""
redis_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  # Only the processes this script started, by their ids.
  for pid in "$app_pid" "$ceiling_pid" "$redis_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: building the local run, its classpath and the ceiling" >&2
./mvnw -q -B -pl local-run -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >&2
./mvnw -q -B -pl shop/bench-ceiling compile dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/ceiling-classpath.txt" >&2
# The reactor's own modules are on the classpath as their target/classes folders.
classpath="local-run/target/test-classes:$(cat "$work/classpath.txt")"
ceiling_classpath="shop/bench-ceiling/target/classes:$(cat "$work/ceiling-classpath.txt")"
production_jvm_flags shop/app/Dockerfile SHOP_API
jvm_flags=("${PRODUCTION_JVM_FLAGS[@]}")
echo "bench: JVM flags of shop/app/Dockerfile: ${jvm_flags[*]}" >&2

cache_args=(--silverjems.catalog.cache.enabled=false)
if command -v redis-server >/dev/null; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  cache_args=(--silverjems.catalog.cache.enabled=true --spring.data.redis.port="$redis_port")
  echo "bench: redis-server on port $redis_port caches the catalogue" >&2
else
  echo "bench: redis-server not installed; the catalogue reads PostgreSQL on every request" >&2
fi

profile_args=()
if [ -n "${PROFILE:-}" ]; then
  # Recorded from the end of the warm-up to the end of the rounds (see below).
  profile_args=(-XX:+FlightRecorder)
fi

# wait_ready NAME PID URL LOG: until URL answers, or fail with the log's tail.
wait_ready() {
  for _ in $(seq 1 180); do
    if curl -fs "$3" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "bench: $1 did not start:" >&2; tail -30 "$4" >&2; exit 1
    fi
    sleep 1
  done
  echo "bench: $1 not ready after 180 s" >&2; exit 1
}

ceiling_port=$(free_port)
echo "bench: starting the ceiling on port $ceiling_port" >&2
java "${jvm_flags[@]}" -cp "$ceiling_classpath" com.silverjems.bench.ceiling.CeilingApplication \
  --server.port="$ceiling_port" --server.address=127.0.0.1 >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!

port=$(free_port)
echo "bench: starting the shop on port $port (data in $work)" >&2
java "${jvm_flags[@]}" "${profile_args[@]}" -cp "$classpath" com.silverjems.localrun.LocalRun \
  --server.port="$port" --silverjems.local.data-dir="$work/data" --silverjems.local.hub=false \
  --management.tracing.sampling.probability=0.1 "${cache_args[@]}" >"$work/app.log" 2>&1 &
app_pid=$!

ceiling="http://127.0.0.1:$ceiling_port"
base="http://127.0.0.1:$port"
wait_ready "the ceiling" "$ceiling_pid" "$ceiling/bench/bare" "$work/ceiling.log"
wait_ready "the shop" "$app_pid" "$base/actuator/health/readiness" "$work/app.log"

endpoints=(
  "ceiling|$ceiling/bench/bare"
  "shop bare|$base/bench/bare"
  "catalogue list|$base/api/products"
  "product detail|$base/api/products/hammered-band-ring"
)

for entry in "${endpoints[@]}"; do
  url=${entry#*|}
  curl -fs "$url" >/dev/null || { echo "bench: $url does not answer 200" >&2; exit 1; }
  echo "bench: warming up $url for $WARMUP" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
done

if [ -n "${PROFILE:-}" ]; then
  jcmd "$app_pid" JFR.start name=bench settings=profile filename="$work/shop.jfr" >/dev/null
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Rounds alternate the endpoints, so that a change in the machine's load during the run weighs on
# all of them alike. Throughput is the mean over the rounds; p99 the worst round's.
declare -A rps p99 errors
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  rps[$name]=0; p99[$name]=0; errors[$name]=0
done
for round in $(seq 1 "$ROUNDS"); do
  for entry in "${endpoints[@]}"; do
    name=${entry%%|*}
    url=${entry#*|}
    echo "bench: round $round/$ROUNDS: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url" >&2
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
    echo "$out" >"$work/wrk-${name// /-}-$round.txt"
    rps[$name]=$(awk -v sum="${rps[$name]}" '/^Requests\/sec:/ {print sum + $2}' <<<"$out")
    # wrk prints latencies as 850.00us, 12.34ms or 1.20s: compare them in milliseconds.
    p99[$name]=$(awk -v worst="${p99[$name]}" '$1 == "99%" {
        v = $2 + 0
        if ($2 ~ /us$/) v /= 1000; else if ($2 ~ /ms$/) v += 0; else if ($2 ~ /s$/) v *= 1000
        print (v > worst ? v : worst)
      }' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
    socket=$(awk -F'[ ,]+' '/Socket errors:/ {print $4 + $6 + $8 + $10}' <<<"$out")
    errors[$name]=$(( ${errors[$name]} + ${non2xx:-0} + ${socket:-0} ))
    echo "bench:   $(awk '/^Requests\/sec:/ {r = $2} $1 == "99%" {p = $2} END {printf "%s req/s, p99 %s", r, p}' <<<"$out")" >&2
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  rps[$name]=$(awk -v sum="${rps[$name]}" -v n="$ROUNDS" 'BEGIN {printf "%.0f", sum / n}')
  p99[$name]=$(awk -v v="${p99[$name]}" 'BEGIN {printf "%.1f", v}')
done

# The shop's resident memory under the load it just served (issue 18: < 512 MiB): the peak
# since it started (VmHWM) and what it holds now.
shop_peak_mib=$(peak_rss_mib "$app_pid")
shop_rss_mib=$(rss_mib "$app_pid")
ceiling_peak_mib=$(peak_rss_mib "$ceiling_pid")

declare -A target=(["shop bare"]=60 ["catalogue list"]=50 ["product detail"]=50)
top=${rps[ceiling]}
printf '\n%-16s %12s %10s %8s %12s %8s\n' endpoint "requests/s" "p99 ms" errors "vs ceiling" target
failed=0
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  share=$(awk -v a="${rps[$name]}" -v b="$top" 'BEGIN {printf "%.0f", 100 * a / b}')
  verdict="-"
  if [ -n "${target[$name]:-}" ]; then
    if [ "$share" -ge "${target[$name]}" ] && awk -v p="${p99[$name]}" 'BEGIN {exit !(p < 50)}'; then
      verdict="met"
    else
      verdict="missed"
    fi
  fi
  printf '%-16s %12s %10s %8s %11s%% %8s\n' "$name" "${rps[$name]}" "${p99[$name]}" "${errors[$name]}" "$share" "$verdict"
  [ "${errors[$name]}" -eq 0 ] || failed=1
done
echo "(wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION on loopback; $(nproc) cores shared by wrk, both JVMs, PostgreSQL and Redis;"
echo " load average before: $load_before, after: $load_after: other work on the machine skews the figures;"
echo " JVM flags: ${jvm_flags[*]})"
echo "shop RSS: peak $shop_peak_mib MiB, after the rounds $shop_rss_mib MiB (target < 512 MiB:" \
  "$([ "$shop_peak_mib" -lt 512 ] && echo met || echo missed)); ceiling peak $ceiling_peak_mib MiB"

if [ -n "${PROFILE:-}" ]; then
  jcmd "$app_pid" JFR.stop name=bench >/dev/null
  echo
  echo "Where the shop's request threads spent their samples (JFR, top frames; the recording is"
  echo "kept as ${PROFILE_OUT:-shop/app/target/bench-shop.jfr}):"
  cp "$work/shop.jfr" "${PROFILE_OUT:-shop/app/target/bench-shop.jfr}"
  # Each sample of a request thread goes to the first frame (from the top of its stack) that
  # belongs to a layer of the stack (Tomcat, a filter, Spring MVC, Jackson, JDBC, the shop's own
  # code...); JDK and utility frames are passed over. Self-time frames alone would say "HashMap".
  jfr print --events jdk.ExecutionSample --stack-depth 96 "$work/shop.jfr" | awk '
    function layer(frame) {
      if (frame ~ /^com\.silverjems\./) { sub(/\(.*/, "", frame); return "shop: " frame }
      if (frame ~ /^org\.springframework\.security\.web\.ObservationFilterChainDecorator/) return "Spring Security: filter observations"
      if (frame ~ /^org\.springframework\.security\./) { split(frame, p, "."); return "Spring Security: " p[5] "." p[6] }
      if (frame ~ /^org\.springframework\.session\./) return "Spring Session"
      if (frame ~ /^io\.micrometer\.|^brave\.|^org\.springframework\.http\.server\.observation/) return "metrics and tracing"
      if (frame ~ /^org\.springframework\.web\.(servlet|method|bind|accept)|^org\.springframework\.http\.converter/) return "Spring MVC"
      if (frame ~ /^org\.springframework\.web\.filter\./) { sub(/\(.*/, "", frame); return "Spring web filter: " frame }
      if (frame ~ /^com\.fasterxml\.jackson\./) return "Jackson"
      if (frame ~ /^org\.postgresql\.|^com\.zaxxer\.|^org\.springframework\.jdbc\./) return "JDBC"
      if (frame ~ /^io\.lettuce\.|^org\.springframework\.data\.redis\./) return "Redis"
      if (frame ~ /^ch\.qos\.logback\.|^org\.slf4j\./) return "logging"
      if (frame ~ /^org\.apache\.(catalina|coyote|tomcat)\./) return "Tomcat"
      return ""
    }
    /sampledThread = / { request = ($0 ~ /http-nio|tomcat-handler/); depth = 0; found = ""; next }
    /stackTrace = \[/ { inside = 1; next }
    inside && /^[ \t]*\]/ {
      inside = 0
      if (request) { total++; n[found == "" ? "JDK only" : found]++ }
      next
    }
    inside && found == "" { frame = $0; sub(/^[ \t]+/, "", frame); found = layer(frame) }
    END {
      printf "%d request-thread samples\n", total
      for (f in n) printf "%6.1f%%  %s\n", 100 * n[f] / total, f
    }' | sort -rn | head -30
fi
exit "$failed"
