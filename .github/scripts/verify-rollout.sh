#!/usr/bin/env bash
# Usage: verify-rollout.sh CLUSTER SERVICE EXPECTED_TASK_DEFINITION_ARN [ALARM_TOPIC_ARN]
#
# The deploy action's "wait for stability" also succeeds after the deployment circuit breaker (or a
# deployment alarm) rolled the service back: the service is then stable, on the OLD task
# definition. This checks that the primary deployment runs the task definition we registered and
# that its rollout completed; otherwise it fails the job and publishes an alert.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 CLUSTER SERVICE EXPECTED_TASK_DEFINITION_ARN [ALARM_TOPIC_ARN]" >&2
  exit 2
fi
cluster="$1"
service="$2"
expected="$3"
topic="${4:-}"

# The backticks are JMESPath literals, not command substitution.
# shellcheck disable=SC2016
IFS=$'\t' read -r running state reason < <(
  aws ecs describe-services --cluster "$cluster" --services "$service" \
    --query 'services[0].deployments[?status==`PRIMARY`] | [0].[taskDefinition, rolloutState, rolloutStateReason]' \
    --output text
)

if [ "$running" = "$expected" ] && [ "$state" = "COMPLETED" ]; then
  echo "$service: rollout of ${expected##*/} completed"
  exit 0
fi

message="$service on $cluster did not roll out ${expected##*/}: the primary deployment runs ${running##*/} (rollout ${state}: ${reason})."
echo "::error title=Rollout rolled back::$message"
if [ -n "$topic" ]; then
  aws sns publish --topic-arn "$topic" \
    --subject "Release rolled back: $service" \
    --message "$message Run: ${GITHUB_SERVER_URL:-}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}" >/dev/null
fi
exit 1
