#!/usr/bin/env bash
# Usage: mark-verified.sh TREE IMAGES_JSON
# After the test environment passed its smoke checks with these images: tags each one, in its own
# repository, `verified-<TREE>` (the git tree of the commit, so a merge of `test` into `main` that
# changes nothing finds it). The tag is the record production promotes from (promote-images.sh);
# ECR tags are immutable, so a verified tag never moves to another digest.
set -euo pipefail

tree="${1:?usage: $0 TREE IMAGES_JSON}"
images="${2:?usage: $0 TREE IMAGES_JSON}"

while IFS=$'\t' read -r name reference; do
  repository="${reference%@*}"
  repository="silverjems/${repository##*/silverjems/}"
  digest="${reference#*@}"
  existing="$(aws ecr describe-images --repository-name "$repository" \
    --image-ids "imageTag=verified-$tree" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)"
  if [ "$existing" = "$digest" ]; then
    echo "mark-verified: $name $digest already verified for tree ${tree:0:12}"
    continue
  fi
  if [ -n "$existing" ] && [ "$existing" != "None" ]; then
    echo "::error title=Verified tag taken::$repository:verified-$tree is $existing, not $digest (two builds of one tree)"
    exit 1
  fi
  # Re-tagging is a put-image of the very manifest bytes: --image-digest makes ECR refuse anything else.
  manifest="$(aws ecr batch-get-image --repository-name "$repository" --image-ids "imageDigest=$digest" \
    --query 'images[0].imageManifest' --output text)"
  media_type="$(aws ecr batch-get-image --repository-name "$repository" --image-ids "imageDigest=$digest" \
    --query 'images[0].imageManifestMediaType' --output text)"
  aws ecr put-image --repository-name "$repository" --image-tag "verified-$tree" \
    --image-digest "$digest" --image-manifest "$manifest" --image-manifest-media-type "$media_type" >/dev/null
  echo "mark-verified: $name $digest verified in test for tree ${tree:0:12}"
done < <(jq -r 'to_entries[] | [.key, .value] | @tsv' <<<"$images")
