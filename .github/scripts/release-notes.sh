#!/usr/bin/env bash
# Usage: release-notes.sh CHANGELOG.md IMAGES_JSON
# The production release's notes: what changed (the [Unreleased] section, changelog-entry.sh) and
# exactly what runs, each image by the digest the test environment verified.
set -euo pipefail

changelog="${1:?usage: $0 CHANGELOG.md IMAGES_JSON}"
images="${2:?usage: $0 CHANGELOG.md IMAGES_JSON}"
here="$(cd "$(dirname "$0")" && pwd)"

"$here/changelog-entry.sh" "$changelog"
lines="$(jq -r 'to_entries[] | select(.value | test("@sha256:[0-9a-f]{64}$")) | "- `\(.key)`: `\(.value | sub("^.*/silverjems/"; "silverjems/"))`"' <<<"$images")"
if [ -z "$lines" ]; then
  echo "release-notes: no image digests in: $images" >&2
  exit 1
fi
printf '\n### Images (verified in test, promoted unchanged)\n%s\n' "$lines"
