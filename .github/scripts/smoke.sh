#!/usr/bin/env bash
# Usage: smoke.sh BASE_URL [PUBLIC_URL]
# Checks the freshly deployed environment through its public entry (CloudFront), as shoppers and
# admins reach it. Prints one line per check, PASS or FAIL and its name, and exits non-zero when
# any failed. PUBLIC_URL is the site's https address (default BASE_URL, which it is after a
# deploy; a test reaching the edge on loopback gives it).
#
# Read-only checks: readiness, the catalogue API, the home, category and product pages, the
# maintenance page, and that Google sign-in sends Google back to PUBLIC_URL. They retry for up to
# 2 minutes because CloudFront may still serve the maintenance page while the last tasks register.
#
# Journey checks, with the smoke accounts (CONTRIBUTING.md, "Release smoke checks"), from the
# environment (deploy.yml reads them from the secret <prefix>/smoke-checks):
#   SMOKE_SHOPPER_EMAIL, SMOKE_SHOPPER_PASSWORD   a verified shopper account
#   SMOKE_ADMIN_EMAIL, SMOKE_ADMIN_PASSWORD        an admin enrolled in two-step verification,
#   SMOKE_ADMIN_TOTP_SECRET                        its TOTP secret (base32, as enrolment showed it)
#   SMOKE_WEBHOOK_SECRET                           the payment webhook's signing secret
#   SMOKE_PRODUCT (optional, default smoke-check)  an unpublished product for the image upload
# The shopper signs in, puts one unit of an in-stock variant in its cart and checks out; the
# payment provider's webhook, signed with the webhook secret, reports the payment attempt failed
# (a succeeded one would make an order paid that no money paid for); the admin signs in with a
# TOTP code, cancels the order (its stock goes back, nothing ships) and sees the cancellation
# email leave for SES on the email page's API; a photo uploaded to the unpublished smoke product
# must become renditions. Missing variables fail those checks: a release is not verified without.
set -uo pipefail

base="${1:?usage: $0 BASE_URL [PUBLIC_URL]}"
base="${base%/}"
public="${2:-$base}"
public="${public%/}"
smoke_product="${SMOKE_PRODUCT:-smoke-check}"
# How long asynchronous outcomes (the email, the renditions) may take on a loaded environment.
patience="${SMOKE_PATIENCE_SECONDS:-180}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
why=""

pass() { echo "PASS $1"; }
fail() {
  echo "FAIL $1: $2"
  echo "::error title=Smoke check failed::$1: $2"
  failures=$((failures + 1))
}

# step NAME FUNCTION: runs FUNCTION (which sets $why when it returns non-zero), prints the line.
step() {
  local name="$1"
  shift
  why=""
  if "$@"; then
    pass "$name"
    return 0
  fi
  fail "$name" "${why:-failed}"
  return 1
}

# A page or API answers 200 with the expected media type; retried while the release settles.
answers() {
  local path="$1" expected_type="$2" attempt status type
  for attempt in $(seq 1 12); do
    read -r status type < <(curl -sS -o /dev/null --max-time 10 \
      -w '%{http_code} %{content_type}\n' "$base$path" 2>/dev/null || echo "000 none")
    if [ "$status" = "200" ] && [[ "$type" == "$expected_type"* ]]; then
      return 0
    fi
    echo "smoke: $path -> $status $type (attempt $attempt)" >&2
    [ "$attempt" -lt 12 ] && sleep 10
  done
  why="$base$path answered $status $type, not 200 $expected_type"
  return 1
}

check() { step "GET $1" answers "$1" "$2"; }

# The first "slug" of a JSON answer (catalogue API), empty when there is none.
first_slug() {
  curl -sS --max-time 10 "$base$1" | jq -r '[.. | objects | .slug? // empty] | first // empty' 2>/dev/null || true
}

google_redirect() {
  local location redirect_uri
  location="$(curl -sS -o /dev/null --max-time 10 -w '%{redirect_url}' \
    "$base/api/auth/oauth2/authorization/google" || true)"
  redirect_uri="$(printf '%s' "$location" | grep -o 'redirect_uri=[^&]*' | cut -d= -f2 |
    sed -e 's/%3A/:/gI' -e 's/%2F/\//gI' || true)"
  if [ "$redirect_uri" != "$public/api/auth/oauth2/code/google" ]; then
    why="redirect_uri is '$redirect_uri', not $public/api/auth/oauth2/code/google"
    return 1
  fi
}

# --- Sessions: a cookie jar each, and the CSRF token the SPA would echo ---------------------------

# api JAR METHOD PATH [JSON BODY]: prints the body, then a last line with the status code.
api() {
  local jar="$1" method="$2" path="$3" body="${4:-}" token
  shift $(($# < 4 ? $# : 4))
  token="$(awk '$6 == "XSRF-TOKEN" { t = $7 } END { print t }' "$jar" 2>/dev/null)"
  local args=(-sS --max-time 30 -b "$jar" -c "$jar" -X "$method" -H 'Accept: application/json'
    -w '\n%{http_code}')
  [ -n "$token" ] && args+=(-H "X-XSRF-TOKEN: $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$@" "$base$path" 2>/dev/null || printf '\n000'
}

# call JAR METHOD PATH [BODY] [curl args...]: sets $status and $body.
call() {
  local answer
  answer="$(api "$@")"
  status="${answer##*$'\n'}"
  body="${answer%$'\n'*}"
}

session_for() {
  local jar="$1"
  : >"$jar"
  # The CSRF cookie comes with the first answer.
  call "$jar" GET /api/auth/csrf
}

sign_in() {
  local jar="$1" email="$2" password="$3"
  session_for "$jar"
  call "$jar" POST /api/auth/login "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')"
  if [ "$status" != "200" ]; then
    why="POST /api/auth/login answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
  # A new session comes with a new CSRF token.
  call "$jar" GET /api/auth/csrf
}

need() {
  local missing=() name
  for name in "$@"; do
    [ -n "${!name:-}" ] || missing+=("$name")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    why="not configured: ${missing[*]} (the smoke-checks secret, CONTRIBUTING.md)"
    return 1
  fi
}

# RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, of a base32 secret; STEP defaults to now.
totp() {
  python3 - "$1" "${2:-}" <<'PY'
import base64, hmac, struct, sys, time
secret = sys.argv[1].strip().replace(" ", "").upper()
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
step = int(sys.argv[2]) if sys.argv[2] else int(time.time()) // 30
digest = hmac.new(key, struct.pack(">Q", step), "sha1").digest()
offset = digest[-1] & 0x0F
code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
print(f"{code:06d}")
PY
}

# --- The shopper's journey -------------------------------------------------------------------------

shopper="$work/shopper.cookies"
admin="$work/admin.cookies"
shopper_in=""
admin_in=""
cart=""
sku=""
order=""
intent=""
total=""
currency=""
sends_before="[]"

shopper_signs_in() {
  need SMOKE_SHOPPER_EMAIL SMOKE_SHOPPER_PASSWORD || return 1
  sign_in "$shopper" "$SMOKE_SHOPPER_EMAIL" "$SMOKE_SHOPPER_PASSWORD" || return 1
  call "$shopper" GET /api/auth/session
  if [ "$(jq -r '.email // empty' <<<"$body" 2>/dev/null)" != "$SMOKE_SHOPPER_EMAIL" ]; then
    why="GET /api/auth/session answered $status without the shopper's email: $(head -c 300 <<<"$body")"
    return 1
  fi
  shopper_in=1
}

# The first in-stock variant of a published product (one unit, held until the order is cancelled).
in_stock_sku() {
  local slug
  for slug in $(curl -sS --max-time 10 "$base/api/products?inStock=true&size=50" |
    jq -r '[.. | objects | select(has("slug") and (.inStock // true)) | .slug] | .[]' 2>/dev/null); do
    sku="$(curl -sS --max-time 10 "$base/api/products/$slug" |
      jq -r '[.variants[]? | select(.inStock) | .sku] | first // empty' 2>/dev/null)"
    [ -n "$sku" ] && return 0
  done
  return 1
}

adds_to_cart() {
  [ -n "$shopper_in" ] || { why="the shopper is not signed in"; return 1; }
  in_stock_sku || { why="no published product has a variant in stock"; return 1; }
  call "$shopper" POST /api/cart
  cart="$(jq -r '.id // empty' <<<"$body" 2>/dev/null)"
  if [ "$status" != "201" ] || [ -z "$cart" ]; then
    why="POST /api/cart answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
  # The shopper's own cart: whatever an interrupted earlier run left in it goes.
  local leftover
  for leftover in $(jq -r --arg s "$sku" '.items[]? | select(.sku != $s) | .sku' <<<"$body"); do
    call "$shopper" DELETE "/api/cart/$cart/items/$leftover"
  done
  call "$shopper" PUT "/api/cart/$cart/items/$sku" '{"quantity":1}'
  if [ "$status" != "200" ] ||
    [ "$(jq -r --arg s "$sku" '[.items[] | select(.sku == $s) | .quantity] | first // 0' <<<"$body" 2>/dev/null)" != "1" ]; then
    why="PUT /api/cart/$cart/items/$sku answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
}

checks_out() {
  [ -n "$cart" ] || { why="no cart"; return 1; }
  local request
  request="$(jq -nc --arg c "$cart" --arg e "$SMOKE_SHOPPER_EMAIL" '{
    cartId: $c, email: $e, name: "Release smoke check",
    shippingAddress: {name: "SMOKE CHECK - DO NOT SHIP", line1: "Release smoke check",
      city: "Nowhere", postcode: "SM0 0KE", country: "GB"}}')"
  call "$shopper" POST /api/checkout "$request" -H "Idempotency-Key: smoke-$(date +%s)-$RANDOM$RANDOM"
  order="$(jq -r '.order.number // empty' <<<"$body" 2>/dev/null)"
  intent="$(jq -r '.payment.intentId // empty' <<<"$body" 2>/dev/null)"
  total="$(jq -r '.order.totalMinor // empty' <<<"$body" 2>/dev/null)"
  currency="$(jq -r '.order.currency // empty | ascii_downcase' <<<"$body" 2>/dev/null)"
  if [ "$status" != "201" ] || [ -z "$order" ] || [ -z "$intent" ]; then
    why="POST /api/checkout answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
  echo "smoke: order $order, payment intent $intent" >&2
}

# The webhook as the provider sends it: Stripe-Signature t=<now>,v1=<hex HMAC-SHA256 of "t.body">.
webhook() {
  local secret="$1" payload="$2" t signature
  t="$(date +%s)"
  signature="$(printf '%s.%s' "$t" "$payload" |
    openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
  curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' \
    -H "Stripe-Signature: t=$t,v1=$signature" --data-binary "$payload" \
    -w '\n%{http_code}' "$base/api/payments/webhook" 2>/dev/null || printf '\n000'
}

payment_webhook() {
  need SMOKE_WEBHOOK_SECRET || return 1
  [ -n "$intent" ] || { why="no order to pay"; return 1; }
  local payload answer
  payload="$(jq -nc --arg id "evt_smoke_$(date +%s)_$RANDOM" --arg i "$intent" \
    --argjson a "$total" --arg c "$currency" \
    '{id: $id, object: "event", type: "payment_intent.payment_failed",
      data: {object: {id: $i, object: "payment_intent", amount: $a, currency: $c}}}')"
  # Forged: signed with another secret, it must change nothing.
  answer="$(webhook "not-the-$RANDOM-secret" "$payload")"
  if [ "${answer##*$'\n'}" = "200" ]; then
    why="a webhook signed with the wrong secret was accepted"
    return 1
  fi
  answer="$(webhook "$SMOKE_WEBHOOK_SECRET" "$payload")"
  status="${answer##*$'\n'}"
  body="${answer%$'\n'*}"
  if [ "$status" != "200" ] || [ "$(jq -r '.duplicate' <<<"$body" 2>/dev/null)" != "false" ]; then
    why="the signed webhook answered $status: $(head -c 300 <<<"$body") (is the webhook secret the shop's?)"
    return 1
  fi
  # Recorded: the provider's retry of the same event is acknowledged as a duplicate.
  answer="$(webhook "$SMOKE_WEBHOOK_SECRET" "$payload")"
  if [ "$(jq -r '.duplicate' <<<"${answer%$'\n'*}" 2>/dev/null)" != "true" ]; then
    why="the same event delivered again was not recognised as a duplicate: ${answer//$'\n'/ }"
    return 1
  fi
}

# --- The admin's journey ---------------------------------------------------------------------------

admin_signs_in() {
  need SMOKE_ADMIN_EMAIL SMOKE_ADMIN_PASSWORD SMOKE_ADMIN_TOTP_SECRET || return 1
  sign_in "$admin" "$SMOKE_ADMIN_EMAIL" "$SMOKE_ADMIN_PASSWORD" || return 1
  local attempt code step
  # A code is good once, and the shop also accepts the next step's code (one step of clock skew).
  # So when this step's code was just used (another sign-in), the next step's is taken at once;
  # only when that one was used too is the next window waited for.
  for attempt in 1 2 3; do
    step=$(($(date +%s) / 30))
    [ "$attempt" = 1 ] || step=$((step + 1))
    code="$(totp "$SMOKE_ADMIN_TOTP_SECRET" "$step")" || { why="cannot compute a TOTP code"; return 1; }
    call "$admin" POST /api/auth/mfa/verify "{\"code\":\"$code\"}"
    if [ "$status" = "200" ]; then
      call "$admin" GET /api/auth/csrf
      admin_in=1
      return 0
    fi
    [ "$attempt" = 2 ] && sleep $((31 - $(date +%s) % 30))
  done
  why="POST /api/auth/mfa/verify answered $status: $(head -c 300 <<<"$body")"
  return 1
}

admin_email_page() {
  [ -n "$admin_in" ] || { why="the admin is not signed in"; return 1; }
  local page
  page="$(curl -sS --max-time 10 -b "$admin" -o /dev/null -w '%{http_code} %{content_type}' \
    "$base/admin/email" 2>/dev/null || echo "000 none")"
  if [[ "$page" != "200 text/html"* ]]; then
    why="GET /admin/email answered $page"
    return 1
  fi
  local path
  for path in "/api/admin/email/suppressions?limit=1" "/api/admin/email/dead-letters?limit=1"; do
    call "$admin" GET "$path"
    if [ "$status" != "200" ] || ! jq -e 'type == "array"' <<<"$body" >/dev/null 2>&1; then
      why="GET $path (the email hub, through the shop) answered $status: $(head -c 300 <<<"$body")"
      return 1
    fi
  done
  # What the hub handed to SES for the shopper so far: the order email must be a new one.
  if [ -n "${SMOKE_SHOPPER_EMAIL:-}" ]; then
    call "$admin" GET "/api/admin/email/sends?recipient=$(jq -rn --arg e "$SMOKE_SHOPPER_EMAIL" '$e | @uri')"
    [ "$status" = "200" ] && sends_before="$body"
  fi
}

cancels_order() {
  [ -n "$admin_in" ] || { why="the admin is not signed in"; return 1; }
  [ -n "$order" ] || { why="no order"; return 1; }
  call "$admin" POST "/api/admin/orders/$order/transitions" \
    '{"status":"cancelled","reason":"Release smoke check: never to be shipped"}'
  if [ "$status" != "200" ] || [ "$(jq -r '.order.status' <<<"$body" 2>/dev/null)" != "cancelled" ]; then
    why="POST /api/admin/orders/$order/transitions answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
}

order_email_sent() {
  [ -n "$admin_in" ] || { why="the admin is not signed in"; return 1; }
  [ -n "$order" ] || { why="no order"; return 1; }
  local deadline=$((SECONDS + patience)) recipient new
  recipient="$(jq -rn --arg e "$SMOKE_SHOPPER_EMAIL" '$e | @uri')"
  while [ "$SECONDS" -lt "$deadline" ]; do
    call "$admin" GET "/api/admin/email/sends?recipient=$recipient"
    if [ "$status" = "200" ]; then
      new="$(jq -r --argjson before "$sends_before" \
        '[.[] | select(.eventType == "order-cancelled" and .sesMessageId != null
           and (.outboxEventId as $id | $before | map(.outboxEventId) | index($id) | not))]
         | first | .sesMessageId // empty' <<<"$body" 2>/dev/null)"
      if [ -n "$new" ]; then
        echo "smoke: order-cancelled email for $order accepted by SES as $new" >&2
        return 0
      fi
    fi
    sleep 3
  done
  why="no order-cancelled email to the shopper was handed to SES within ${patience}s (last answer $status: $(head -c 300 <<<"$body"))"
  return 1
}

# A 64x48 PNG, made here (no image tool needed on the runner); its pixels differ every run, since
# the pipeline refuses a photo it already has as a duplicate.
png() {
  python3 - "$1" <<'PY'
import os, struct, sys, zlib
w, h = 64, 48
seed = os.urandom(w * 3)
raw = b"".join(b"\x00" + b"".join(bytes((x * 4 % 256, (y * 5 + seed[x * 3]) % 256, seed[x * 3 + 1])) for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
}

image_renditions() {
  [ -n "$admin_in" ] || { why="the admin is not signed in"; return 1; }
  call "$admin" GET "/api/admin/products/$smoke_product/images"
  if [ "$status" = "404" ]; then
    # First release: the smoke product, never published (no shopper ever sees it or its photos).
    local category
    category="$(first_slug /api/categories)"
    call "$admin" POST /api/admin/products "$(jq -nc --arg s "$smoke_product" --arg c "$category" \
      '{slug: $s, name: "Release smoke check (never published)", category: $c, published: false,
        description: "Photos uploaded by the release smoke checks."}')"
    if [ "$status" != "201" ]; then
      why="creating the unpublished product $smoke_product answered $status: $(head -c 300 <<<"$body")"
      return 1
    fi
  fi
  png "$work/smoke.png" || { why="cannot make the test photo"; return 1; }
  call "$admin" POST "/api/admin/products/$smoke_product/images" "" -F "file=@$work/smoke.png;type=image/png"
  local key
  key="$(jq -r '.key // empty' <<<"$body" 2>/dev/null)"
  if [ "$status" != "202" ] || [ -z "$key" ]; then
    why="the upload answered $status: $(head -c 300 <<<"$body")"
    return 1
  fi
  local deadline=$((SECONDS + patience)) upload renditions
  while [ "$SECONDS" -lt "$deadline" ]; do
    call "$admin" GET "/api/admin/products/$smoke_product/images"
    upload="$(jq -r --arg k "$key" '.uploads[]? | select(.key == $k) | .status' <<<"$body" 2>/dev/null)"
    case "$upload" in
      processed)
        renditions="$(jq -r '[.images[0].renditions[]?] | length' <<<"$body" 2>/dev/null)"
        if [ "${renditions:-0}" -gt 0 ]; then
          echo "smoke: upload $key became $renditions renditions" >&2
          return 0
        fi
        why="the upload is processed but the product has no renditions: $(head -c 300 <<<"$body")"
        return 1
        ;;
      waiting | processing | "") sleep 3 ;;
      *)
        why="the upload was $upload: $(jq -c --arg k "$key" '.uploads[]? | select(.key == $k)' <<<"$body")"
        return 1
        ;;
    esac
  done
  why="the upload $key was still '$upload' after ${patience}s"
  return 1
}

# --- The checks -------------------------------------------------------------------------------------

check /actuator/health/readiness application/
check /api/categories application/json
check /api/products application/json
check / text/html
category="$(first_slug /api/categories)"
if [ -n "$category" ]; then
  check "/category?slug=$category" text/html
  check "/api/products?category=$category" application/json
else
  fail "category page" "the catalogue has no category"
fi
product="$(first_slug /api/products)"
if [ -n "$product" ]; then
  check "/product?slug=$product" text/html
  check "/api/products/$product" application/json
else
  fail "product page" "the catalogue has no published product"
fi
step "Google sign-in redirect_uri is $public/api/auth/oauth2/code/google" google_redirect
# The page CloudFront falls back to when the origin fails: published by this release, served now.
check /maintenance/index.html text/html

step "password sign-in (shopper)" shopper_signs_in
step "add to cart" adds_to_cart
step "checkout" checks_out
step "payment webhook (signed with the webhook secret)" payment_webhook
step "admin sign-in (password and TOTP)" admin_signs_in
step "admin email page" admin_email_page
step "smoke order cancelled (restocked, never shipped)" cancels_order
step "order email handed to SES" order_email_sent
step "image upload becomes renditions" image_renditions

if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures check(s) failed"
  exit 1
fi
echo "smoke: all checks passed"
