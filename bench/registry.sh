#!/usr/bin/env bash
# Registry at city scale: generates enterprises with COPY up to a million (or the number given),
# then prints median page times through the whole web stack. Usage: bench/registry.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
./mvnw -q -B test -Dtest=RegistryBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dfugong.bench.enterprises=$count" 2>&1 | grep '^BENCH'
