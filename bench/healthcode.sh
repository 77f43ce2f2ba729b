#!/usr/bin/env bash
# Gate verification throughput, in-process and over HTTP, with a trivial endpoint as the ceiling.
# Usage: bench/healthcode.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=HealthCodeBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH'
