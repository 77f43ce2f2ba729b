#!/usr/bin/env bash
# The dashboard at city scale: a million enterprises (or the number given), a third of them with
# electricity figures, a year of daily snapshots; prints median times of the dashboard's data beside
# a trivial page, the background refresh and an approval's way to the live figures.
# Usage: bench/dashboard.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
./mvnw -q -B test -Dtest=DashboardBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dfugong.bench.enterprises=$count" 2>&1 | grep '^BENCH'
