#!/usr/bin/env bash
# Usage: promote-images.sh SOURCE_REGISTRY TARGET_REGISTRY TREE TAG NAME...
# Production never builds: for each image NAME it looks up the digest the test environment verified
# for this git TREE (tag verified-TREE in SOURCE_REGISTRY/silverjems/NAME, set by mark-verified.sh),
# copies exactly that manifest into TARGET_REGISTRY/silverjems/NAME:TAG (skopeo
# --preserve-digests fails rather than re-encode), checks the target holds that digest, and prints
# {NAME: "TARGET_REGISTRY/silverjems/NAME@sha256:..."} (also images=... in $GITHUB_OUTPUT).
set -euo pipefail

if [ $# -lt 5 ]; then
  echo "usage: $0 SOURCE_REGISTRY TARGET_REGISTRY TREE TAG NAME..." >&2
  exit 2
fi
source_registry="$1"
target_registry="$2"
tree="$3"
tag="$4"
shift 4
source_account="${source_registry%%.*}"

images='{}'
for name in "$@"; do
  repository="silverjems/$name"
  digest="$(aws ecr describe-images --registry-id "$source_account" --repository-name "$repository" \
    --image-ids "imageTag=verified-$tree" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)"
  if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    echo "::error title=Not verified in test::no $repository image was verified in test for tree $tree; push this commit to the test branch first"
    exit 1
  fi
  present="$(aws ecr describe-images --repository-name "$repository" --image-ids "imageTag=$tag" \
    --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)"
  if [ "$present" != "$digest" ]; then
    skopeo copy --preserve-digests "docker://$source_registry/$repository@$digest" \
      "docker://$target_registry/$repository:$tag" >&2
  fi
  stored="$(aws ecr describe-images --repository-name "$repository" --image-ids "imageDigest=$digest" \
    --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)"
  if [ "$stored" != "$digest" ]; then
    echo "::error title=Promotion changed the image::$target_registry/$repository has no image $digest (the verified digest) after the copy"
    exit 1
  fi
  echo "promote-images: $name $digest (verified in test) -> $target_registry/$repository:$tag" >&2
  images="$(jq -c --arg name "$name" --arg ref "$target_registry/$repository@$digest" '. + {($name): $ref}' <<<"$images")"
done
printf '%s\n' "$images"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'images=%s\n' "$images" >> "$GITHUB_OUTPUT"
fi
