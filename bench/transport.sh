#!/usr/bin/env bash
# The transport planner's routing model on every CVRPLIB .vrp file of a directory: one line per instance
# (cost with TSPLIB nint edges, vehicles, seconds, gap to the optimum in the comment), then the mean gap.
# Usage: bench/transport.sh DIR [SECONDS] [--solutions OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(cd "${1:?usage: bench/transport.sh DIR [SECONDS] [--solutions OUTDIR]}" && pwd)"
shift
seconds=10
solutions=""
while [ $# -gt 0 ]; do
  case "$1" in
    --solutions) solutions="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    *) seconds="$1"; shift ;;
  esac
done
./mvnw -q -B test -Dtest=CvrpBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.dir="$dir" -Dbench.seconds="$seconds" -Dbench.solutions="$solutions" 2>&1 | grep '^BENCH' | sed 's/^BENCH //'
