#!/usr/bin/env bash
# Supply chains at the city's scale: 8,000 leads, about 2,000,000 links. Build and evaluate, one status
# change, one lead's analysis, the city-wide ranking.
# Usage: bench/supplychain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=SupplyChainBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx4g" 2>&1 | grep '^BENCH'
