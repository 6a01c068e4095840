#!/usr/bin/env bash
# Usage: edge-outputs.sh STACK_NAME
# Writes the outputs of the edge stack (us-east-1: CloudFront lives there) to $GITHUB_OUTPUT, one
# KEY=VALUE line each (StorefrontBucket, MaintenanceBucket, DistributionId, SiteHealthCheckId), so
# that no bucket name or distribution id is ever copied into a workflow.
set -euo pipefail

stack="${1:?usage: $0 STACK_NAME}"
outputs="$(aws cloudformation describe-stacks --region us-east-1 --stack-name "$stack" \
  --query 'Stacks[0].Outputs[].[OutputKey, OutputValue]' --output text)"
if [ -z "$outputs" ] || [ "$outputs" = "None" ]; then
  echo "::error title=No edge outputs::$stack has no outputs: deploy the infrastructure first"
  exit 1
fi
while IFS=$'\t' read -r key value; do
  echo "edge-outputs: $key=$value"
  printf '%s=%s\n' "$key" "$value" >> "${GITHUB_OUTPUT:-/dev/null}"
done <<<"$outputs"
