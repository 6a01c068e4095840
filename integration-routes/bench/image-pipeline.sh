#!/usr/bin/env bash
# Images per second for a 12 MP JPEG to all renditions: the ingestion pipeline (JPEG + WebP), the
# same without WebP (pipelineJpegOnly: the difference is WebP's cost) and plain Thumbnailator loops,
# in one JMH run. By hand only (2 shared cores: results vary with load).
# Extra arguments go to JMH, e.g. `-wi 1 -i 3` for a quicker look.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
./mvnw -q -B -pl integration-routes -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null
java -cp "integration-routes/target/test-classes:integration-routes/target/classes:$(cat "$classpath_file")" \
  org.openjdk.jmh.Main ImagePipelineBenchmark "$@"
