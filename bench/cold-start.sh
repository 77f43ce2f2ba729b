#!/usr/bin/env bash
# Cold start: from "java -jar" on an empty data folder (initdb, migrations, demo city) to
# /actuator/health answering UP. Prints each run and the median. Usage: bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=$(ls target/fugong-*.jar 2>/dev/null | grep -v original | head -1 || true)
[[ -n $jar ]] || ./mvnw -q -B package -DskipTests
jar=$(ls target/fugong-*.jar | grep -v original | head -1)
port=18080
times=()
for i in $(seq "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s.%N)
  java -jar "$jar" --server.port=$port --fugong.embedded-postgres.data-directory="$data/pg" >"$data/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health" | grep -q '"UP"'; do
    sleep 0.2
    kill -0 $pid 2>/dev/null || { echo "application died, see $data/app.log"; exit 1; }
  done
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  printf 'run %d: %.1f s to UP (%s)\n' "$i" "$t" "$(grep -o 'Started FugongApplication in [0-9.]* seconds' "$data/app.log")"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
printf 'median: %.1f s\n' "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
