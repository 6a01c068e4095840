#!/usr/bin/env bash
# Usage: record-deployment.sh PREFIX COMMIT IMAGES_JSON
# Run once a release of an environment passed its smoke checks: records the commit and the image
# digests it runs in the environment's SSM parameters /PREFIX/release/deployed-commit and
# /PREFIX/release/deployed-images. infra-changed.sh diffs against that commit; opsctl and people
# read what runs where from them.
set -euo pipefail

prefix="${1:?usage: $0 PREFIX COMMIT IMAGES_JSON}"
commit="${2:?usage: $0 PREFIX COMMIT IMAGES_JSON}"
images="${3:?usage: $0 PREFIX COMMIT IMAGES_JSON}"

if ! jq -e 'type == "object" and length > 0 and all(.[]; test("@sha256:[0-9a-f]{64}$"))' \
  <<<"$images" >/dev/null; then
  echo "record-deployment: images must be a JSON object of digest references, got: $images" >&2
  exit 2
fi
aws ssm put-parameter --name "/$prefix/release/deployed-images" --type String --overwrite \
  --value "$(jq -cS . <<<"$images")" >/dev/null
# The commit last, so that a failure in between never records a commit without its images.
aws ssm put-parameter --name "/$prefix/release/deployed-commit" --type String --overwrite \
  --value "$commit" >/dev/null
echo "record-deployment: $prefix runs $commit"
