#!/usr/bin/env bash
# CPU an event, old build against new: the whole pipeline (`gridwarden run --no-simulator` on a generated city)
# under one steady HTTP load, each build in turn (A, B, A, B …), and the CPU each of gridwarden's threads used
# over a window well after the JIT has settled, read from /proc/<pid>/task/*/stat. Threads are grouped by name
# (digits dropped); "app" is every thread but the JIT compilers and the garbage collector.
#
#   benchmarks/cpu-ab.sh A.jar B.jar [--rate N] [--pairs N] [--city N] [--settle S] [--window S] [--port-base N]
#
# A.jar / B.jar: launcher jars (launcher/target/gridwarden.jar with its lib/ beside it; build the old one from a
# clone at the old commit). Defaults: 20,000 events/s, 2 pairs, a city of 10,000 cameras, a 40 s window after
# 90 s of load. Needs the benchmarks module built (mvn -B -DskipTests package -pl launcher,benchmarks -am).
# Everything shares this machine's cores, the load generator included: compare runs from the same sitting only.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2; shift 2
RATE=20000 PAIRS=2 CITY=10000 SETTLE=90 WINDOW=40 PORT_BASE=18080
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --pairs) PAIRS=$2; shift 2 ;;
    --city) CITY=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for jar in "$A" "$B"; do
  [ -f "$jar" ] || { echo "$jar not found" >&2; exit 2; }
done
[ -f benchmarks/target/jmh-classpath.txt ] || { echo "build the benchmarks first: mvn -B -DskipTests package -pl launcher,benchmarks -am" >&2; exit 2; }
CP="benchmarks/target/classes:$(cat benchmarks/target/jmh-classpath.txt)"
WORK=$(mktemp -d -t gridwarden-cpu-ab.XXXXXX)
TOWN=$WORK/city.yaml
java -cp "$CP" io.gridwarden.benchmarks.LoadGen city --cameras "$CITY" --out "$TOWN" >/dev/null
INGEST=$PORT_BASE MQTT=$((PORT_BASE + 1)) OPS=$((PORT_BASE + 2))

threads() { # CPU ticks of each thread group of process $1, as "name ticks" lines
  for stat in /proc/"$1"/task/*/stat; do cat "$stat" 2>/dev/null; done | python3 -c '
import re, sys, collections
ticks = collections.Counter()
for line in sys.stdin:
    name = line[line.index("(") + 1:line.rindex(")")]
    fields = line[line.rindex(")") + 2:].split()
    ticks[re.sub(r"\d+", "#", name)] += int(fields[11]) + int(fields[12])
for name, n in ticks.items():
    print(name.replace(" ", "_"), n)'
}

one() { # one run of jar $1, labelled $2
  local jar=$1 label=$2 dir gw
  dir=$(mktemp -d "$WORK/run.XXXX")
  java -Xms1g -Xmx1g $(grep -v '^#' scripts/java-options) -jar "$jar" run --no-simulator --data-dir "$dir/data" --host 127.0.0.1 --ingest-port "$INGEST" --mqtt-port "$MQTT" \
    --ops-port "$OPS" --device-rate=1000000 --device-burst=1000000 --town "$TOWN" >"$dir/gridwarden.log" 2>&1 &
  gw=$!
  for _ in $(seq 1 120); do (echo >/dev/tcp/127.0.0.1/"$OPS") 2>/dev/null && break; sleep 1; done
  java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --target "http://127.0.0.1:$INGEST" --town "$TOWN" --rate "$RATE" \
    --warmup PT5S --duration "PT$((SETTLE + WINDOW + 15))S" --out "$dir/load.json" >"$dir/load.log" 2>&1 &
  local load=$!
  sleep "$SETTLE"; threads "$gw" >"$dir/before"
  sleep "$WINDOW"; threads "$gw" >"$dir/after"
  wait "$load" || true
  kill "$gw"; wait "$gw" 2>/dev/null || true
  python3 - "$dir/before" "$dir/after" "$label" "$WINDOW" "$dir/load.json" <<'PY'
import json, sys
def read(path):
    return {name: int(n) for name, n in (line.split() for line in open(path))}
before, after, label, window = read(sys.argv[1]), read(sys.argv[2]), sys.argv[3], float(sys.argv[4])
used = {k: (after[k] - before.get(k, 0)) / 100 for k in after}
vm = sum(v for k, v in used.items() if k.startswith(("C#_CompilerThre", "G#_Conc", "GC_Thread", "VM_")))
total = sum(used.values())
load = json.load(open(sys.argv[5]))
top = sorted(used.items(), key=lambda kv: -kv[1])[:8]
print(f"{label}: {total / window:.3f} cores; app {total - vm:.1f} s, JIT+GC {vm:.1f} s in {window:.0f} s; "
      f"acked {load['ackedEventsPerSecond']:,.0f}/s, p99 {load['p99Millis']} ms")
print("    " + "  ".join(f"{k.replace('_', ' ')}={v:.1f}" for k, v in top))
PY
  rm -rf "$dir/data"
}

echo "rate $RATE events/s, city of $CITY cameras, window ${WINDOW}s after ${SETTLE}s; work dir $WORK"
for _ in $(seq 1 "$PAIRS"); do
  one "$A" "A $A"
  one "$B" "B $B"
done
