#!/usr/bin/env bash
# Supply chains at the city's scale in the database, through the pages: ~158,000 enterprises, 8,000 leads,
# ~2,000,000 links; the graph built from the database, one lead's page and analysis, one approval applied,
# the city's ranking page.
# Usage: bench/supplychain-pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=SupplyChainPageBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  2>&1 | grep '^BENCH'
