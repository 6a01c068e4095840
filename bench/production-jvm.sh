# shellcheck shell=bash
# Sourced by the benchmark scripts (shop/app/bench, integration-routes/bench, bench/): the JVM
# flags a component's production container runs with, and its resident memory. Derived, never
# copied: the flags are the JAVA_TOOL_OPTIONS of the component's Dockerfile, and the memory the
# JVM sizes its heap from (MaxRAMPercentage) is the prod task memory infra gives the component
# (Environments.prod()), passed as -XX:MaxRAM as the container's cgroup limit would be.
#
#   source bench/production-jvm.sh
#   production_jvm_flags shop/app/Dockerfile SHOP_API   # fills the array PRODUCTION_JVM_FLAGS
#   java "${PRODUCTION_JVM_FLAGS[@]}" ...
#   peak_rss_mib "$pid"                                   # VmHWM: the peak since the JVM started
#
# TASK_MEMORY_MIB overrides the task memory (e.g. to try a smaller task).

_production_jvm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# task_memory_mib COMPONENT: the prod task memory of SHOP_API, EMAIL, DELIVERY_EVENTS or IMAGES.
task_memory_mib() {
  local environments="$_production_jvm_root/infra/src/main/java/com/silverjems/infra/config/Environments.java"
  local mib
  mib=$(awk -v component="Component.$1," '
    /DeploymentEnvironment prod\(\)/ { prod = 1 }
    prod && index($0, component) {
      if (match($0, /new ServiceSize\([0-9]+, *[0-9]+/)) {
        split(substr($0, RSTART, RLENGTH), n, /[(,] */); print n[3]; exit
      }
    }' "$environments")
  if [ -z "$mib" ]; then
    echo "bench: no prod ServiceSize for $1 in $environments" >&2
    return 1
  fi
  echo "$mib"
}

# production_jvm_flags DOCKERFILE COMPONENT: sets PRODUCTION_JVM_FLAGS (an array).
production_jvm_flags() {
  local dockerfile="$_production_jvm_root/$1" options memory
  options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$dockerfile")
  if [ -z "$options" ]; then
    echo "bench: $dockerfile sets no JAVA_TOOL_OPTIONS" >&2
    return 1
  fi
  memory=${TASK_MEMORY_MIB:-$(task_memory_mib "$2")} || return 1
  # shellcheck disable=SC2034,SC2206 # read by the caller; the options are whitespace-separated words, as the JVM reads them
  PRODUCTION_JVM_FLAGS=(-XX:MaxRAM="${memory}m" $options)
}

# peak_rss_mib PID: the process's peak resident set (VmHWM) in MiB.
peak_rss_mib() {
  awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}

# rss_mib PID: the process's current resident set (VmRSS) in MiB.
rss_mib() {
  awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}
