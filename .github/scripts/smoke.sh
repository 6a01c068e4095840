#!/usr/bin/env bash
# Usage: smoke.sh BASE_URL
# Checks the freshly deployed environment through its public entry (CloudFront), as a shopper
# would reach it: readiness, the catalogue API and the storefront. Retries for up to 2 minutes
# because CloudFront may still serve the maintenance page while the last tasks register.
set -euo pipefail

base="${1:?usage: $0 BASE_URL}"
base="${base%/}"

check() {
  local path="$1" expected_type="$2"
  local attempt status type
  for attempt in $(seq 1 12); do
    read -r status type < <(curl -sS -o /dev/null --max-time 10 \
      -w '%{http_code} %{content_type}\n' "$base$path" || echo "000 none")
    if [ "$status" = "200" ] && [[ "$type" == "$expected_type"* ]]; then
      echo "smoke: $path -> $status $type"
      return 0
    fi
    echo "smoke: $path -> $status $type (attempt $attempt)" >&2
    sleep 10
  done
  echo "::error title=Smoke check failed::$base$path did not answer 200 $expected_type"
  return 1
}

check /actuator/health/readiness application/
check "/api/categories" application/json
check / text/html
# The page CloudFront falls back to when the origin fails: published by this release, served now.
check /maintenance/index.html text/html
