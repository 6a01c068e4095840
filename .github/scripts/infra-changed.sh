#!/usr/bin/env bash
# Usage: infra-changed.sh PREFIX [PATH...]
# Decides whether this release must run `cdk deploy` for an environment: did anything the CDK app
# reads change between the commit last deployed there (recorded by record-deployment.sh in the SSM
# parameter /PREFIX/release/deployed-commit) and HEAD? Looking at the whole range, not HEAD^..HEAD,
# matters because pushes bundle commits and a queued run replaces a pending one: an infra change
# that is not the last commit of the run that deploys it would otherwise never be deployed.
# Nothing recorded, or a recorded commit this clone does not know (history rewritten, shallow
# clone), counts as changed: deploying the infrastructure again is safe, skipping it is not.
# Prints the decision; writes infra=true|false and since=<commit or empty> to $GITHUB_OUTPUT.
set -euo pipefail

prefix="${1:?usage: $0 PREFIX [PATH...]}"
shift
# What the CDK app synthesises from: its code, and the repository folders it loads files from
# (rule files, Alertmanager and Grafana provisioning, the Zabbix host's user data and agent config).
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
  paths=(infra grafana-provisioning zabbix)
fi
parameter="/$prefix/release/deployed-commit"

since=""
if ! since="$(aws ssm get-parameter --name "$parameter" --query Parameter.Value --output text 2>/dev/null)"; then
  since=""
fi

decide() {
  echo "infra-changed: $2"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf 'infra=%s\nsince=%s\n' "$1" "$since" >> "$GITHUB_OUTPUT"
  fi
  exit 0
}

if [ -z "$since" ] || [ "$since" = "None" ]; then
  since=""
  decide true "no deployed commit recorded in $parameter: deploying the infrastructure"
fi
if ! git cat-file -e "$since^{commit}" 2>/dev/null; then
  decide true "deployed commit $since is not in this clone's history: deploying the infrastructure"
fi
if git diff --quiet "$since" HEAD -- "${paths[@]}"; then
  decide false "no change to ${paths[*]} since the deployed commit ${since:0:12}"
fi
changed="$(git diff --name-only "$since" HEAD -- "${paths[@]}" | wc -l)"
decide true "$changed file(s) of ${paths[*]} changed since the deployed commit ${since:0:12}"
