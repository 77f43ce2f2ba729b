#!/usr/bin/env bash
# The trip planner at Ningbo's scale: 100,000 workers, 300 origin counties, two weeks of arrival windows,
# 3,200 buses. Prints build and solve time, trips against the lower bound, unplanned workers, buses used.
# Usage: bench/transport-city.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=CityScaleBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seconds="${1:-60}" -Dbench.seed="${2:-1}" 2>&1 | grep '^BENCH\|ERROR' | sed 's/^BENCH //'
