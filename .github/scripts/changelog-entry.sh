#!/usr/bin/env bash
# Usage: changelog-entry.sh [CHANGELOG.md]
# Prints the body of the "## [Unreleased]" section of a Keep a Changelog file: the notes of the
# release being cut. Fails if the section is missing or empty, so no release goes out undescribed.
set -euo pipefail

file="${1:-CHANGELOG.md}"
notes="$(awk '
  /^## \[Unreleased\]/ { inside = 1; next }
  /^## \[/ && inside { exit }
  inside { print }
' "$file" | sed -e '/./,$!d')"

if [ -z "${notes//[[:space:]]/}" ]; then
  echo "changelog-entry: no entries under ## [Unreleased] in $file" >&2
  exit 1
fi
printf '%s\n' "$notes"
