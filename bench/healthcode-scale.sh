#!/usr/bin/env bash
# The health code at a city's scale: an online gate check and the recomputation after a list import, on
# the demo city and then with the partitioned tables holding 10,000,000 code holders (or the number given).
# Usage: bench/healthcode-scale.sh [holders]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=HealthCodeScaleBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dholders="${1:-10000000}" 2>&1 | grep '^BENCH'
