#!/usr/bin/env bash
# Usage: health-gate.sh HEALTH_CHECK_ID [ATTEMPTS] [SLEEP_SECONDS]
# The release's outside-in gate: Route 53's health checkers, from several regions, request the
# shop's readiness through CloudFront and match "UP" in the body (so the maintenance page, which
# CloudFront serves when the origin fails, never passes). The release is recorded as deployed only
# once a majority of checkers report success; the gate fails after ATTEMPTS polls otherwise.
set -euo pipefail

id="${1:?usage: $0 HEALTH_CHECK_ID [ATTEMPTS] [SLEEP_SECONDS]}"
attempts="${2:-20}"
pause="${3:-15}"

for attempt in $(seq 1 "$attempts"); do
  # One line per checker: its region and the status text ("Success: HTTP Status Code 200, ...").
  statuses="$(aws route53 get-health-check-status --health-check-id "$id" \
    --query 'HealthCheckObservations[].[Region, StatusReport.Status]' --output text)"
  total="$(grep -c . <<<"$statuses" || true)"
  healthy="$(grep -c $'\tSuccess' <<<"$statuses" || true)"
  if [ "$total" -gt 0 ] && [ $((healthy * 2)) -gt "$total" ]; then
    echo "health-gate: $healthy of $total Route 53 checkers see the site ready"
    exit 0
  fi
  echo "health-gate: $healthy of $total checkers see the site ready (attempt $attempt/$attempts)" >&2
  [ "$attempt" -lt "$attempts" ] && sleep "$pause"
done
echo "::error title=Site not ready from outside::fewer than half of Route 53's checkers see readiness UP through CloudFront (health check $id)"
exit 1
