#!/usr/bin/env bash
# Outbox-to-SES throughput of the email relay (issues 6, 18): real PostgreSQL (embedded), SES a
# zero-latency stand-in, rate limiting off, after a warm-up of 5,000 emails; printed next to the
# ceiling measured in the same run (the relay's SES client calling the same stand-in in a bare loop).
# Usage: outbox-throughput.sh [events] [parallelism] [synchronous_commit: local|on]
# Targets (issue 18): >= 500 emails/s and >= 70% of the ceiling.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/production-jvm.sh
source bench/production-jvm.sh
# The relay runs with the email group's production flags: its Dockerfile's JAVA_TOOL_OPTIONS and
# its prod task memory; the benchmark prints the JVM's peak RSS (issue 18.4: < 384 MiB).
production_jvm_flags integration-routes/Dockerfile EMAIL
echo "bench: JVM flags of integration-routes/Dockerfile: ${PRODUCTION_JVM_FLAGS[*]}" >&2

./mvnw -q -B -pl integration-routes -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
classpath="integration-routes/target/test-classes:integration-routes/target/classes:$(cat integration-routes/target/bench.classpath)"
exec java "${PRODUCTION_JVM_FLAGS[@]}" -Daws.accessKeyId=local -Daws.secretAccessKey=local -cp "$classpath" \
  com.silverjems.routes.email.OutboxThroughputBenchmark "${1:-5000}" "${2:-16}" "${3:-local}"
