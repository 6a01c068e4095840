#!/usr/bin/env bash
# Checkout throughput as a share of the database's own ceiling, measured in the same run.
#
# Starts the shop's local run (local-run's LocalRun without the hub: embedded PostgreSQL with the
# demo catalogue, the local payment provider) with the shop's production JVM flags (its
# Dockerfile's JAVA_TOOL_OPTIONS and prod task memory, read by bench/production-jvm.sh), then com.silverjems.bench.CheckoutBenchmark (shop
# test sources) in another JVM: SHOPPERS concurrent shoppers (a thread each, java.net.http, each
# its own cookie jar and CSRF token) each create a cart, add 2 items, check out with an
# Idempotency-Key and pay with the local provider, which sends the shop the signed webhook. The
# ceiling, same run, same database, same concurrency: the SQL statements of that flow replayed
# over JDBC, one transaction per order. It prints checkouts/s, p50, p99 and errors of both, the
# ratio, the stock check (initial - sold == remaining, exactly), the load average and the shop's
# peak RSS (issue 18: < 512 MiB).
#
#   shop/app/bench/checkout.sh                          # 16 shoppers x 100 checkouts, 20 warm-up
#   SHOPPERS=32 CHECKOUTS=200 WARMUP=50 shop/app/bench/checkout.sh
#   PROFILE=1 shop/app/bench/checkout.sh                # also records the shop with JFR
#   TINY=1 shop/app/bench/checkout.sh                   # CI: 2 shoppers x 3 checkouts, no targets
#
# Target (issue 18): the API >= 40% of the ceiling, zero errors, stock exact. The script exits
# non-zero on any error or a stock mismatch; the ratio is printed as met or missed (a loaded
# machine misses it: compare the load average).
set -euo pipefail
cd "$(dirname "$0")/../../.."
# shellcheck source=bench/production-jvm.sh
source bench/production-jvm.sh

SHOPPERS=${SHOPPERS:-16}
CHECKOUTS=${CHECKOUTS:-100}
WARMUP=${WARMUP:-20}
if [ -n "${TINY:-}" ]; then
  SHOPPERS=2 CHECKOUTS=3 WARMUP=1
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work=$(mktemp -d /tmp/silverjems-checkout-bench.XXXXXX)
app_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  # Only the process this script started, by its id.
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: building the local run and its classpath (CheckoutBenchmark: shop test sources)" >&2
./mvnw -q -B -pl local-run -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >&2
classpath="local-run/target/test-classes:shop/app/target/test-classes:$(cat "$work/classpath.txt")"

port=$(free_port)
echo "bench: starting the shop on port $port (data in $work)" >&2
# No limit is raised: each cart comes from its own client address (CloudFront-Viewer-Address), so
# the anti-hoarding limits apply as they do to shoppers (see CheckoutBenchmark).
production_jvm_flags shop/app/Dockerfile SHOP_API
jvm_flags=("${PRODUCTION_JVM_FLAGS[@]}")
echo "bench: JVM flags of shop/app/Dockerfile: ${jvm_flags[*]}" >&2
profile_args=()
if [ -n "${PROFILE:-}" ]; then
  # The whole run, warm-up included: the benchmark is one client run.
  profile_args=("-XX:StartFlightRecording=name=bench,settings=profile")
fi
java "${jvm_flags[@]}" "${profile_args[@]}" -cp "$classpath" com.silverjems.localrun.LocalRun \
  --server.port="$port" --silverjems.local.data-dir="$work/data" --silverjems.local.hub=false \
  --management.tracing.sampling.probability=0.1 >"$work/app.log" 2>&1 &
app_pid=$!

base="http://127.0.0.1:$port"
# A shared machine's load can stretch the start to minutes: READY_TIMEOUT (seconds) bounds it.
for _ in $(seq 1 "${READY_TIMEOUT:-600}"); do
  if curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "bench: the shop did not start:" >&2; tail -30 "$work/app.log" >&2; exit 1
  fi
  sleep 1
done
curl -fs "$base/actuator/health/readiness" >/dev/null || { echo "bench: the shop is not ready after ${READY_TIMEOUT:-600} s" >&2; exit 1; }

# The embedded PostgreSQL's port is the 4th line of its pid file.
db_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
jdbc="jdbc:postgresql://127.0.0.1:$db_port/postgres?user=postgres&password=postgres"

echo "bench: $SHOPPERS shoppers x $CHECKOUTS checkouts (after $WARMUP warm-up each), API then JDBC ceiling" >&2
status=0
java -cp "$classpath" com.silverjems.bench.CheckoutBenchmark "$base" "$jdbc" "$SHOPPERS" "$CHECKOUTS" "$WARMUP" || status=$?
peak=$(peak_rss_mib "$app_pid")
echo "shop RSS: peak $peak MiB, after the run $(rss_mib "$app_pid") MiB (target < 512 MiB:" \
  "$([ "$peak" -lt 512 ] && echo met || echo missed); JVM flags: ${jvm_flags[*]})"
if [ -n "${PROFILE:-}" ]; then
  jcmd "$app_pid" JFR.dump name=bench filename="${PROFILE_OUT:-$PWD/shop/app/target/bench-checkout.jfr}" >/dev/null
  echo "JFR recording: ${PROFILE_OUT:-shop/app/target/bench-checkout.jfr}"
fi
exit "$status"
