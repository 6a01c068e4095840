#!/usr/bin/env bash
# Usage: smoke-secrets.sh PREFIX
# Reads what the release smoke checks (smoke.sh) sign in and sign with from Secrets Manager: the
# smoke accounts ("$prefix/smoke-checks", JSON, made by hand once: CONTRIBUTING.md, "Release smoke
# checks") and the payment webhook's signing key, the very value the shop verifies with. Masks
# every value in the job's log, then appends them to $GITHUB_ENV as the SMOKE_* variables.
set -euo pipefail

prefix="${1:?usage: $0 PREFIX}"
: "${GITHUB_ENV:?run inside a GitHub Actions job}"

secret() {
  aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text
}

accounts="$(secret "$prefix/smoke-checks")"
webhook="$(secret "$prefix/payment-webhook-signing-key")"

declare -A variables=(
  [SMOKE_SHOPPER_EMAIL]=shopperEmail
  [SMOKE_SHOPPER_PASSWORD]=shopperPassword
  [SMOKE_ADMIN_EMAIL]=adminEmail
  [SMOKE_ADMIN_PASSWORD]=adminPassword
  [SMOKE_ADMIN_TOTP_SECRET]=adminTotpSecret
)
for variable in "${!variables[@]}"; do
  value="$(jq -er --arg k "${variables[$variable]}" '.[$k] | select(type == "string" and . != "")' <<<"$accounts")" || {
    echo "::error title=Smoke checks not set up::$prefix/smoke-checks has no ${variables[$variable]} (CONTRIBUTING.md, \"Release smoke checks\")"
    exit 1
  }
  echo "::add-mask::$value"
  echo "$variable=$value" >>"$GITHUB_ENV"
done
echo "::add-mask::$webhook"
echo "SMOKE_WEBHOOK_SECRET=$webhook" >>"$GITHUB_ENV"
