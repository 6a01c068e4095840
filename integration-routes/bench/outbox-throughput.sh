#!/usr/bin/env bash
# Outbox-to-SES throughput of the email relay (issues 6, 18): real PostgreSQL (embedded), SES a
# zero-latency stand-in, rate limiting off, after a warm-up of 5,000 emails; printed next to the
# ceiling measured in the same run (the relay's SES client calling the same stand-in in a bare loop).
# Usage: outbox-throughput.sh [events] [parallelism] [synchronous_commit: local|on]
# Targets (issue 18): >= 500 emails/s and >= 70% of the ceiling.
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -B -pl integration-routes -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true >/dev/null
classpath="integration-routes/target/test-classes:integration-routes/target/classes:$(cat integration-routes/target/bench.classpath)"
exec java -Daws.accessKeyId=local -Daws.secretAccessKey=local -cp "$classpath" \
  com.silverjems.routes.email.OutboxThroughputBenchmark "${1:-5000}" "${2:-16}" "${3:-local}"
