#!/usr/bin/env bash
# Gate verification throughput: in-process per core (Conscrypt against the JDK), and over HTTP with a gate
# device's token side by side with the anonymous health endpoint.
# Usage: bench/healthcode.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=HealthCodeBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH'
