#!/usr/bin/env bash
# Start-up: a first start from "java -jar" on an empty data folder (initdb, migrations, the demo city)
# and a warm start on the folder it left, each to /actuator/health/readiness answering UP.
# Prints each run and the medians. With --cds, the jar is extracted and started with a class-data
# sharing archive made by a training run (the way docs/operations.md recommends to deploy); with --c1
# too, the JIT compiles with C1 only (-XX:TieredStopAtLevel=1: the two cores are not shared with C2
# during the start, at some cost in peak throughput).
# Usage: bench/cold-start.sh [runs] [--cds [--c1]]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cds=${2:-}
c1=${3:-}
jar=$(ls target/fugong-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -n $jar ]] || ./mvnw -q -B package -DskipTests
jar=$(ls target/fugong-*.jar | grep -v original | head -1)
port=18080
command=(java -jar "$jar")
if [[ $cds == --cds ]]; then
  work=$(mktemp -d)
  java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
  app=$(ls "$work"/app/*.jar | head -1)
  train=$(mktemp -d)
  # The training run starts the context and exits; the archive keeps the classes it loaded.
  java -XX:ArchiveClassesAtExit="$work/app.jsa" -Dspring.context.exit=onRefresh -jar "$app" \
    --server.port=$port --fugong.embedded-postgres.data-directory="$train/pg" >"$train/train.log" 2>&1 || true
  rm -rf "$train"
  command=(java -XX:SharedArchiveFile="$work/app.jsa" -Xshare:auto)
  [[ $c1 == --c1 ]] && command+=(-XX:TieredStopAtLevel=1)
  command+=(-jar "$app")
fi

# Seconds from a start until readiness matches a pattern: the overall status (the last key: a component
# that is up does not make the instance ready), or the demo city loaded (it loads after readiness).
READY='"status":"UP"}$'
LOADED='"state":"(LOADED|NONE)"'
until_ready() { # start time, pid, log file, pattern
  local t0=$1 pid=$2 log=$3 pattern=$4
  until curl -sf "http://localhost:$port/actuator/health/readiness" | grep -Eq "$pattern"; do
    sleep 0.1
    kill -0 "$pid" 2>/dev/null || { echo "application died, see $log" >&2; exit 1; }
  done
  echo "$(date +%s.%N) - $t0" | bc
}

first=()
demo=()
warm=()
for i in $(seq "$runs"); do
  data=$(mktemp -d)
  for kind in first warm; do
    t0=$(date +%s.%N)
    "${command[@]}" --server.port=$port --fugong.embedded-postgres.data-directory="$data/pg" >"$data/$kind.log" 2>&1 &
    pid=$!
    t=$(until_ready "$t0" $pid "$data/$kind.log" "$READY")
    printf 'run %d, %s start: %.1f s to ready (%s)\n' "$i" "$kind" "$t" \
      "$(grep -o 'Started FugongApplication in [0-9.]* seconds' "$data/$kind.log" || true)"
    if [[ $kind == first ]]; then
      first+=("$t")
      d=$(until_ready "$t0" $pid "$data/$kind.log" "$LOADED")
      printf 'run %d, demo city loaded in the background: %.1f s after the start\n' "$i" "$d"
      demo+=("$d")
    else
      warm+=("$t")
    fi
    kill $pid; wait $pid 2>/dev/null || true
  done
  rm -rf "$data"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'median first start (empty folder) to ready: %.1f s\n' "$(median "${first[@]}")"
printf 'median first start to the demo city loaded: %.1f s\n' "$(median "${demo[@]}")"
printf 'median warm start (existing database): %.1f s\n' "$(median "${warm[@]}")"
