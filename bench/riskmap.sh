#!/usr/bin/env bash
# Risk map timings on 11 districts and 200 townships: recompute one day, recompute a year,
# read a year back. Each figure is a median of repeated runs inside one JVM.
# Usage: bench/riskmap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=RiskMapBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH'
