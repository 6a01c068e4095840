#!/usr/bin/env bash
# Catalogue read throughput next to a bare Spring MVC endpoint, in the same run of the same app.
#
# Starts the local run (TestShopApplication: embedded PostgreSQL with the demo catalogue, plus
# Debian's redis-server as the catalogue cache when installed) on loopback, warms the JIT up, then
# drives each endpoint with wrk at 64 connections and prints requests/s, p99 latency, errors and
# the catalogue's share of the bare endpoint's throughput.
#
#   shop/app/bench/catalog.sh                 # 3 rounds of 10 s per endpoint
#   ROUNDS=5 DURATION=20s CONNECTIONS=64 shop/app/bench/catalog.sh
#
# Targets (issue 3): catalogue reads >= 50% of the bare endpoint's throughput, p99 < 50 ms,
# zero errors. The script exits non-zero when a request failed.
set -euo pipefail
cd "$(dirname "$0")/../../.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work=$(mktemp -d /tmp/silverjems-bench.XXXXXX)
app_pid=""
redis_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  # Only the processes this script started, by their ids.
  for pid in "$app_pid" "$redis_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: building the shop and its test classpath" >&2
./mvnw -q -B -pl shop/app -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >&2
# The reactor's own modules are on the classpath as their target/classes folders.
classpath="shop/app/target/test-classes:shop/app/target/classes:$(cat "$work/classpath.txt")"

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

port=$(free_port)
echo "bench: starting the shop on port $port (data in $work)" >&2
java -Xms1g -Xmx1g -cp "$classpath" com.silverjems.shop.TestShopApplication \
  --server.port="$port" --silverjems.local.data-dir="$work/data" \
  --management.tracing.sampling.probability=0.1 "${cache_args[@]}" >"$work/app.log" 2>&1 &
app_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 180); do
  if curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "bench: the shop did not start:" >&2; tail -30 "$work/app.log" >&2; exit 1
  fi
  sleep 1
done
curl -fs "$base/actuator/health/readiness" >/dev/null || { echo "bench: not ready after 180 s" >&2; exit 1; }

endpoints=(
  "bare|/bench/bare"
  "catalogue list|/api/products"
  "product detail|/api/products/hammered-band-ring"
)

for entry in "${endpoints[@]}"; do
  path=${entry#*|}
  curl -fs "$base$path" >/dev/null || { echo "bench: $path does not answer 200" >&2; exit 1; }
  echo "bench: warming up $path for $WARMUP" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$base$path" >/dev/null
done

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
    path=${entry#*|}
    echo "bench: round $round/$ROUNDS: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $base$path" >&2
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$path")
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
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  rps[$name]=$(awk -v sum="${rps[$name]}" -v n="$ROUNDS" 'BEGIN {printf "%.0f", sum / n}')
  p99[$name]=$(awk -v v="${p99[$name]}" 'BEGIN {printf "%.1fms", v}')
done

bare=${rps[bare]}
printf '\n%-16s %12s %10s %8s %10s\n' endpoint "requests/s" p99 errors "vs bare"
failed=0
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  ratio=$(awk -v a="${rps[$name]}" -v b="$bare" 'BEGIN {printf "%.0f%%", 100 * a / b}')
  printf '%-16s %12s %10s %8s %10s\n' "$name" "${rps[$name]}" "${p99[$name]}" "${errors[$name]}" "$ratio"
  [ "${errors[$name]}" -eq 0 ] || failed=1
done
echo "(wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION on loopback; $(nproc) cores shared by wrk, the JVM, PostgreSQL and Redis;"
echo " load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg): other work on the machine skews the figures)"
exit "$failed"
