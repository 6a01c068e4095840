#!/usr/bin/env bash
# Usage: push-images.sh REGISTRY TAG NAME=CONTEXT...
# Builds each image once (CONTEXT/Dockerfile), pushes it as REGISTRY/silverjems/NAME:TAG and prints
# what the registry stored as a JSON object {NAME: "REGISTRY/silverjems/NAME@sha256:..."}, also
# written as images=... to $GITHUB_OUTPUT. Everything after this refers to images by digest.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 REGISTRY TAG NAME=CONTEXT..." >&2
  exit 2
fi
registry="$1"
tag="$2"
shift 2

images='{}'
for image in "$@"; do
  name="${image%%=*}"
  context="${image#*=}"
  repository="$registry/silverjems/$name"
  docker build --pull -f "$context/Dockerfile" -t "$repository:$tag" "$context" >&2
  docker push "$repository:$tag" >&2
  # The digest the registry answered with, not a local image id.
  reference="$(docker inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$repository:$tag" \
    | grep -m1 "^$repository@sha256:" || true)"
  if [ -z "$reference" ]; then
    echo "push-images: the registry reported no digest for $repository:$tag" >&2
    exit 1
  fi
  images="$(jq -c --arg name "$name" --arg ref "$reference" '. + {($name): $ref}' <<<"$images")"
done
printf '%s\n' "$images"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'images=%s\n' "$images" >> "$GITHUB_OUTPUT"
fi
