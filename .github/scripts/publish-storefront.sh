#!/usr/bin/env bash
# Usage: publish-storefront.sh SOURCE_DIR BUCKET DISTRIBUTION_ID [KEY_PREFIX]
# Uploads a static site (the storefront, or the maintenance page under KEY_PREFIX maintenance/) in
# the layout infra's StorefrontRelease decides (the one contract with the edge stand-in, which
# serves the same objects): content-hashed assets first, cached a year as immutable and uploaded
# only when new (same key, same bytes); then the documents, short-cached, uploaded only when their
# bytes differ from the bucket's copy. Only the documents that changed are invalidated in
# CloudFront, each under every address the viewer-request function maps to it (/x.html and /x;
# /dir/index.html and /dir/). Earlier hashed assets stay, so a page cached before the release
# still finds its scripts. Needs java 17 (StorefrontRelease runs as a single source file).
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 SOURCE_DIR BUCKET DISTRIBUTION_ID [KEY_PREFIX]" >&2
  exit 2
fi
source_dir="$1"
bucket="$2"
distribution="$3"
prefix="${4:-}"
root="$(cd "$(dirname "$0")/../.." && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${STOREFRONT_RELEASE_CLASSES:-}" ]; then
  # Already compiled (the infra module's target/classes): the tests save a compile per run.
  java -cp "$STOREFRONT_RELEASE_CLASSES" com.silverjems.infra.storefront.StorefrontRelease \
    "$source_dir" "$work"
else
  java "$root/infra/src/main/java/com/silverjems/infra/storefront/StorefrontRelease.java" \
    "$source_dir" "$work"
fi
# objects.tsv: key, SHA-256, Content-Type, Cache-Control; immutable means content-hashed.

# What the bucket holds now: key and ETag (the MD5 of the bytes: single-part uploads, SSE-S3).
aws s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix" \
  --query 'Contents[].[Key, ETag]' --output text > "$work/existing.tsv"
existing_etag() {
  awk -F'\t' -v key="$1" '$1 == key { gsub(/"/, "", $2); print $2; exit }' "$work/existing.tsv"
}

upload() {
  local key="$1" content_type="$2" cache_control="$3"
  aws s3 cp "$work/site/$key" "s3://$bucket/$prefix$key" --only-show-errors \
    --content-type "$content_type" --cache-control "$cache_control"
}

uploaded=0
invalidate=()
# Assets before documents: a document never points at a name the bucket lacks.
for pass in true false; do
  while IFS=$'\t' read -r key content_type cache_control; do
    etag="$(existing_etag "$prefix$key")"
    if [ "$pass" = true ]; then
      [ -n "$etag" ] && continue
    else
      [ "$etag" = "$(md5sum "$work/site/$key" | cut -d' ' -f1)" ] && continue
      if [ -n "$etag" ]; then
        path="/$prefix$key"
        invalidate+=("$path")
        case "$path" in
          */index.html) invalidate+=("${path%index.html}") ;;
          *.html) invalidate+=("${path%.html}") ;;
        esac
      fi
    fi
    upload "$key" "$content_type" "$cache_control"
    uploaded=$((uploaded + 1))
  done < <(awk -F'\t' -v hashed="$pass" \
    '($4 ~ /immutable/) == (hashed == "true") { print $1 "\t" $3 "\t" $4 }' "$work/objects.tsv")
done

echo "publish-storefront: $uploaded file(s) uploaded to s3://$bucket/$prefix, ${#invalidate[@]} path(s) to invalidate"
if [ ${#invalidate[@]} -gt 0 ]; then
  aws cloudfront create-invalidation --distribution-id "$distribution" \
    --paths "${invalidate[@]}" --query Invalidation.Id --output text
fi
