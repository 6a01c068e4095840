#!/usr/bin/env bash
# Outbox-to-SES throughput of the email relay (issue 6): real PostgreSQL (embedded), SES stubbed by
# WireMock with zero latency, rate limiting off. Usage: outbox-throughput.sh [events] [parallelism] [synchronous_commit: local|on]
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -B -pl integration-routes -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
classpath="integration-routes/target/test-classes:integration-routes/target/classes:$(cat integration-routes/target/bench.classpath)"
exec java -Daws.accessKeyId=local -Daws.secretAccessKey=local -cp "$classpath" \
  com.silverjems.routes.email.OutboxThroughputBenchmark "${1:-5000}" "${2:-16}" "${3:-local}"
