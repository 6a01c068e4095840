#!/usr/bin/env bash
# Start-up benchmark of opsctl against a local AWS emulator, next to the AWS CLI on the same
# emulator in the same hyperfine run. Target: opsctl no slower than `aws ecs describe-services`.
#
#   opsctl/bench/startup.sh            # builds the jar if missing, prints a table
#   RUNS=30 opsctl/bench/startup.sh    # more runs
#
# Needs: hyperfine (apt-get install hyperfine), the AWS CLI (`aws`), moto_server (MOTO_SERVER=path).
# The emulator holds the platform's four ECS services; nothing leaves 127.0.0.1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
runs="${RUNS:-20}"
moto="${MOTO_SERVER:-$(command -v moto_server || echo /root/.pyenv/versions/3.11.7/bin/moto_server)}"
for tool in hyperfine aws "$moto"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

if [ ! -f opsctl/target/opsctl.jar ]; then
  ./mvnw -q -B -pl opsctl -am package -DskipTests
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
"$moto" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "$endpoint/moto-api/" >/dev/null && break
  sleep 0.1
done

export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1
export OPSCTL_CLUSTER=silverjems
services=(shop-api routes-email routes-delivery-events routes-images)
aws --endpoint-url "$endpoint" ecs create-cluster --cluster-name silverjems >/dev/null
for service in "${services[@]}"; do
  for tag in 1a2b3c4 5d6e7f8; do
    aws --endpoint-url "$endpoint" ecs register-task-definition --family "$service" \
      --container-definitions "[{\"name\":\"app\",\"image\":\"registry/$service:$tag\",\"memory\":512}]" >/dev/null
  done
  # Desired 0: a healthy service, so every command exits 0 and hyperfine times real work.
  aws --endpoint-url "$endpoint" ecs create-service --cluster silverjems --service-name "$service" \
    --task-definition "$service:2" --desired-count 0 >/dev/null
done

opsctl/bin/opsctl --version >&2   # records the class-data-sharing archive once
hyperfine --shell=none --warmup 2 --runs "$runs" \
  --export-markdown opsctl/target/startup-bench.md \
  --command-name 'opsctl --help' "opsctl/bin/opsctl --help" \
  --command-name 'opsctl status' "opsctl/bin/opsctl status --endpoint-url $endpoint" \
  --command-name 'opsctl status (no AppCDS)' "env OPSCTL_CDS=off opsctl/bin/opsctl status --endpoint-url $endpoint" \
  --command-name 'aws ecs describe-services' \
  "aws --endpoint-url $endpoint ecs describe-services --cluster silverjems --services ${services[*]}"
echo "bench: table written to opsctl/target/startup-bench.md" >&2
