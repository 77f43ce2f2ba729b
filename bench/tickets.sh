#!/usr/bin/env bash
# The ticket escalation sweep with 100,000 open tickets (or the number given): prints median sweep
# times. Usage: bench/tickets.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
./mvnw -q -B test -Dtest=TicketSweepBenchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dfugong.bench.tickets=$count" 2>&1 | grep '^BENCH'
