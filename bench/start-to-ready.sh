#!/usr/bin/env bash
# Start-to-ready time of each production jar (issue 18.4: < 10 s): the shop, and the hub's jar as
# each route group (ROUTES_GROUPS=images, email, delivery-events). Each is started as it is
# deployed, by the machinery of infra's DeployedConfigurationIT (com.silverjems.infra.parity
# .StartToReady): the prod task definition's environment evaluated against local stand-ins
# (PostgreSQL with TLS, Redis, S3Proxy, SQS, the SES stub), the jar unpacked and run as its
# Dockerfile runs it (JAVA_TOOL_OPTIONS, entrypoint) with the task's memory as -XX:MaxRAM. Each
# component is started RUNS times, one at a time, timed from the process's start until
# /actuator/health/readiness answers UP; it prints first, median, min and max and the peak RSS at
# ready, and the load average.
#
#   bench/start-to-ready.sh            # 3 starts per component
#   RUNS=5 bench/start-to-ready.sh
#   TINY=1 bench/start-to-ready.sh     # CI: one start each, no targets (the script runs)
#
# Exits non-zero when a component does not become ready; the 10 s target is printed as met or
# missed (a loaded machine misses it: compare the load average).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
if [ -n "${TINY:-}" ]; then
  RUNS=1
fi

echo "bench: packaging the production jars and infra's test classpath" >&2
# Each module writes its own target/bench.classpath; infra's is the one used.
./mvnw -q -B -pl infra -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
shop_jar=$(ls shop/app/target/shop-app-*-exec.jar)
routes_jar=$(ls integration-routes/target/integration-routes-*-exec.jar)
cd infra
exec env JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 \
  java -Dparity.shop.jar="$PWD/../$shop_jar" -Dparity.routes.jar="$PWD/../$routes_jar" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.silverjems.infra.parity.StartToReady "$RUNS"
