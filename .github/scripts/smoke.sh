#!/usr/bin/env bash
# Usage: smoke.sh BASE_URL [PUBLIC_URL]
# Checks the freshly deployed environment through its public entry (CloudFront), as a shopper
# would reach it: readiness, the catalogue API, the home, category and product pages, and that
# Google sign-in sends Google back to PUBLIC_URL (the site's https address; default BASE_URL,
# which it is after a deploy; a test reaching the edge on loopback gives it). Read-only: it
# changes nothing in the environment. Retries for up to 2 minutes because CloudFront may still
# serve the maintenance page while the last tasks register.
set -euo pipefail

base="${1:?usage: $0 BASE_URL [PUBLIC_URL]}"
base="${base%/}"
public="${2:-$base}"
public="${public%/}"

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

# The first "slug" of a JSON answer (catalogue API), empty when there is none.
first_slug() {
  curl -sS --max-time 10 "$base$1" | grep -o '"slug":"[a-z0-9-]*"' | head -n 1 | cut -d'"' -f4 || true
}

check /actuator/health/readiness application/
check "/api/categories" application/json
check "/api/products" application/json
check / text/html
category="$(first_slug /api/categories)"
if [ -n "$category" ]; then
  check "/category?slug=$category" text/html
  check "/api/products?category=$category" application/json
else
  echo "smoke: no category yet, category page not checked"
fi
product="$(first_slug /api/products)"
if [ -n "$product" ]; then
  check "/product?slug=$product" text/html
  check "/api/products/$product" application/json
else
  echo "smoke: no published product yet, product pages not checked"
fi

# Google sign-in: the authorization redirect names the public https address as redirect_uri.
location="$(curl -sS -o /dev/null --max-time 10 -w '%{redirect_url}' \
  "$base/api/auth/oauth2/authorization/google" || true)"
redirect_uri="$(printf '%s' "$location" | grep -o 'redirect_uri=[^&]*' | cut -d= -f2 |
  sed -e 's/%3A/:/gI' -e 's/%2F/\//gI' || true)"
if [ "$redirect_uri" != "$public/api/auth/oauth2/code/google" ]; then
  echo "::error title=Smoke check failed::Google sign-in redirect_uri is '$redirect_uri', not $public/api/auth/oauth2/code/google"
  exit 1
fi
echo "smoke: Google sign-in -> redirect_uri $redirect_uri"
# The page CloudFront falls back to when the origin fails: published by this release, served now.
check /maintenance/index.html text/html
