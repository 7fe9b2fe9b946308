#!/usr/bin/env bash
# The scale-out figures (issue 14): the same load through the embedded default (`gridwarden run`) and through
# the Kafka topology (scripts/cluster-up.sh) with 1 ingest / 1 task slot, 2 ingest / 1 slot, 2 ingest / 2 slots.
# At each point, on a fresh deployment: `loadgen e2e` (due → violation.warned on the operations stream and
# due → voice warning at the device, at one background rate), then `loadgen ramp` over HTTP (the highest rate
# held with p99 ack ≤ 100 ms, the load split over the ingest instances). Everything runs on this machine and
# shares its cores; the summary says so.
#
#   benchmarks/scale-out.sh [--quick] [--duration ISO] [--e2e-duration ISO] [--prime ISO] [--e2e-rate N]
#       [--from N] [--step N] [--to N] [--city N] [--alerting 1|2] [--results DIR] [--port-base N] [--no-build]
#       [--only embedded,kafka-1ingest-1slot,kafka-2ingest-1slot,kafka-2ingest-2slots]
#
# --quick: short points (a smoke run of 15–20 minutes; its figures mean nothing), results under a temp directory.
# Default: 20 s ramp steps after 5 s warm-up from 10,000 events/s by 10,000; e2e probes 60 s after 30 s prime at
# 10,000 events/s background; a generated city of 10,000 cameras (--city 0: the demo town); one alerting
# instance. --only: just the deployments named (default: all four). Results: benchmarks/results/<date>/scale-out/
# (raw JSON, summary.md). Logs: the work dir printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COMMAND="benchmarks/scale-out.sh $*"
QUICK=0 BUILD=1 CITY="" ALERTING=1 PORT_BASE=18000 RESULTS="" ONLY=""
DURATION="" WARMUP="" E2E_DURATION="" PRIME="" E2E_RATE="" FROM="" STEP="" TO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --duration) DURATION=$2; shift 2 ;;
    --e2e-duration) E2E_DURATION=$2; shift 2 ;;
    --prime) PRIME=$2; shift 2 ;;
    --e2e-rate) E2E_RATE=$2; shift 2 ;;
    --from) FROM=$2; shift 2 ;;
    --step) STEP=$2; shift 2 ;;
    --to) TO=$2; shift 2 ;;
    --city) CITY=$2; shift 2 ;;
    --alerting) ALERTING=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --only) ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
wanted() { # deployment name: measured in this run?
  [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]
}
for name in ${ONLY//,/ }; do
  case "$name" in embedded|kafka-1ingest-1slot|kafka-2ingest-1slot|kafka-2ingest-2slots) ;; *) echo "unknown deployment $name in --only" >&2; exit 2 ;; esac
done
if [ "$QUICK" = 1 ]; then
  : "${DURATION:=PT3S}" "${WARMUP:=PT1S}" "${E2E_DURATION:=PT10S}" "${PRIME:=PT5S}" "${E2E_RATE:=2000}"
  : "${FROM:=5000}" "${STEP:=5000}" "${TO:=15000}" "${CITY:=1000}"
else
  : "${DURATION:=PT20S}" "${WARMUP:=PT5S}" "${E2E_DURATION:=PT60S}" "${PRIME:=PT30S}" "${E2E_RATE:=10000}"
  : "${FROM:=10000}" "${STEP:=10000}" "${TO:=300000}" "${CITY:=10000}"
fi
WORK=$(mktemp -d /tmp/gridwarden-scale-out.XXXXXX)
if [ -z "$RESULTS" ]; then
  RESULTS=$([ "$QUICK" = 1 ] && echo "$WORK/results" || echo "benchmarks/results/$(date -u +%F)/scale-out")
fi
mkdir -p "$RESULTS"
RESULTS=$(realpath "$RESULTS")
CORES=$(nproc)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%FT%TZ)
COMMAND_PORT=$((PORT_BASE + 70))
EMBEDDED_INGEST=$((PORT_BASE + 180)) EMBEDDED_MQTT=$((PORT_BASE + 183)) EMBEDDED_OPS=$((PORT_BASE + 190))
DEVICE_RATE=1000000 # lifts ingest's per-device limit: the figures are the pipeline's ceiling, not the deployed limit

if [ "$BUILD" = 1 ]; then
  echo "building (mvn package -pl launcher,benchmarks -am, tests skipped)…"
  mvn -B -q -DskipTests package -pl launcher,benchmarks -am
fi
JAR=$ROOT/launcher/target/gridwarden.jar
loadgen() { java ${LOADGEN_JAVA_OPTS:--Xmx1g} -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/jmh-classpath.txt")" \
  io.gridwarden.benchmarks.LoadGen "$@"; }

if [ "$CITY" -gt 0 ]; then
  TOWN=$WORK/city-$CITY.yaml
  loadgen city --cameras "$CITY" --out "$TOWN" >/dev/null
  TOWN_LABEL="a generated city of $CITY cameras (loadgen city)"
else
  TOWN=$ROOT/common/src/main/resources/towns/demo-town.yaml
  TOWN_LABEL="the demo town (133 cameras)"
fi
echo "work dir $WORK, results $RESULTS"

CHILD=""
stop_child() {
  if [ -n "$CHILD" ]; then
    kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
    CHILD=""
  fi
}
trap 'stop_child' EXIT
trap 'stop_child; exit 130' INT TERM

await_ready() { # url
  for _ in $(seq 1 360); do
    curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return 0
    kill -0 "$CHILD" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# e2e first, on a deployment that has seen no overload yet; then the ramp, whose last step is one too many.
measure() { # name, ingest URLs (comma-separated), operations URL
  echo "  $1: e2e at $E2E_RATE events/s background, probing $E2E_DURATION after $PRIME prime"
  loadgen e2e --ingest "$2" --ops "$3" --command-port "$COMMAND_PORT" --town "$TOWN" --rates "$E2E_RATE" \
    --duration "$E2E_DURATION" --prime "$PRIME" --out "$RESULTS/$1-e2e.json" > "$WORK/$1-e2e.log" 2>&1 \
    || echo "  $1: e2e failed or missed every probe (see $WORK/$1-e2e.log)"
  echo "  $1: ramp from $FROM by $STEP events/s, $DURATION steps"
  loadgen ramp --target "$2" --town "$TOWN" --from "$FROM" --step "$STEP" --to "$TO" --duration "$DURATION" --warmup "$WARMUP" \
    --p99-bound-ms 100 --out "$RESULTS/$1-ramp.json" > "$WORK/$1-ramp.log" 2>&1 \
    || echo "  $1: ramp failed (see $WORK/$1-ramp.log)"
}

embedded() {
  echo "== embedded: gridwarden run"
  java -Xms1g -Xmx1g $(grep -v '^#' scripts/java-options) -jar "$JAR" run --no-simulator --town "$TOWN" --data-dir "$WORK/embedded-data" --host 127.0.0.1 \
    --ingest-port "$EMBEDDED_INGEST" --mqtt-port "$EMBEDDED_MQTT" --ops-port "$EMBEDDED_OPS" \
    --command-gateway "http://127.0.0.1:$COMMAND_PORT" --device-rate "$DEVICE_RATE" > "$WORK/embedded.log" 2>&1 &
  CHILD=$!
  if await_ready "http://127.0.0.1:$EMBEDDED_INGEST" && await_ready "http://127.0.0.1:$EMBEDDED_OPS"; then
    measure embedded "http://127.0.0.1:$EMBEDDED_INGEST" "http://127.0.0.1:$EMBEDDED_OPS"
  else
    echo "  embedded: not ready (see $WORK/embedded.log)"
  fi
  stop_child
}

cluster() { # name, ingest instances, task slots (= the job's parallelism)
  echo "== $1: Kafka topology, $2 ingest, $3 task slot(s), $ALERTING alerting"
  local dir=$WORK/$1
  scripts/cluster-up.sh --no-build --work-dir "$dir" --port-base "$PORT_BASE" --town "$TOWN" --ingest "$2" --alerting "$ALERTING" \
    --slots "$3" --parallelism "$3" --command-gateway "http://127.0.0.1:$COMMAND_PORT" --device-rate "$DEVICE_RATE" \
    > "$WORK/$1-cluster-up.log" 2>&1 &
  CHILD=$!
  for _ in $(seq 1 1200); do
    [ -f "$dir/cluster.env" ] && break
    kill -0 "$CHILD" 2>/dev/null || break
    sleep 0.5
  done
  if [ -f "$dir/cluster.env" ]; then
    # shellcheck disable=SC1091
    source "$dir/cluster.env"
    measure "$1" "$INGEST_URLS" "${OPS_URLS%%,*}"
  else
    echo "  $1: the deployment did not come up (see $WORK/$1-cluster-up.log)"
  fi
  stop_child
}

if wanted embedded; then embedded; fi
if wanted kafka-1ingest-1slot; then cluster kafka-1ingest-1slot 1 1; fi
if wanted kafka-2ingest-1slot; then cluster kafka-2ingest-1slot 2 1; fi
if wanted kafka-2ingest-2slots; then cluster kafka-2ingest-2slots 2 2; fi

# summary.md: one row per point, from the raw JSON ("—" where a part failed).
figure() { # file, jq filter
  [ -f "$1" ] && jq -r "$2 // \"—\"" "$1" 2>/dev/null || echo "—"
}
row() { # name, label, ingest instances, slots
  wanted "$1" || return 0
  local ramp=$RESULTS/$1-ramp.json e2e=$RESULTS/$1-e2e.json
  local held p99ack device sse probes
  held=$(figure "$ramp" '.highestHeldEventsPerSecond // "< \(.steps[0].targetEventsPerSecond) (none held)"')
  p99ack=$(figure "$ramp" '(.highestHeldEventsPerSecond as $h | .steps[] | select(.targetEventsPerSecond == $h) | .p99Millis)')
  device=$(figure "$e2e" '.figures[0].toDevice.p99')
  sse=$(figure "$e2e" '.figures[0].toActionLog.p99')
  probes=$(figure "$e2e" '(.figures[0] | "\(.samples) (\(.missed) missed)")')
  echo "| $2 | $3 | $4 | $held | $p99ack | $device | $sse | $probes |"
}
{
  echo "# Scale-out on one machine — $(date -u +%F)"
  echo
  echo "**All processes — the load generator, Kafka, Flink's job and task managers, every gridwarden instance —"
  echo "share this machine's $CORES cores.** A second ingest instance or task slot here adds JVMs competing for the"
  echo "same cores, not machines: these figures show the topology's cost on one machine, not what it gains on several."
  echo
  echo "- Machine: $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')),"
  echo "  $(awk '/MemTotal/ {printf "%d MiB", $2/1024}' /proc/meminfo) memory, $(java -version 2>&1 | head -1), $(uname -sr)"
  echo "- Load average at start ($STARTED): $LOAD_AT_START"
  echo "- Mode: $([ "$QUICK" = 1 ] && echo "quick (smoke run: the figures mean nothing)" || echo full); commit $(git rev-parse --short HEAD)"
  echo "- Town: $TOWN_LABEL; ingest's per-device limit lifted (--device-rate $DEVICE_RATE); $ALERTING alerting instance(s)"
  echo "- Ramp: HTTP, 100-event batches, from $FROM by $STEP events/s, $WARMUP warm-up + $DURATION per step; held = every batch"
  echo "  202, ≥ 95 % of the rate acknowledged, p99 ack ≤ 100 ms (loadgen ramp)"
  echo "- End to end: a probe car a second on the town's first camera for $E2E_DURATION (after $PRIME unmeasured), due →"
  echo "  violation.warned on GET /v1/alerts/stream and due → voice-warning command at the device gateway, while the other"
  echo "  cameras send $E2E_RATE events/s (loadgen e2e); on a fresh deployment, before the ramp"
  echo "- Command: \`$COMMAND\`"
  echo
  echo "| Deployment | Ingest instances | Task slots (job parallelism) | Events/s held (p99 ack ≤ 100 ms) | p99 ack at that rate (ms) | p99 due → voice warning (ms) | p99 due → violation.warned, SSE (ms) | Probes |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  row embedded "embedded (\`gridwarden run\`)" 1 "— (in-process jobs)"
  row kafka-1ingest-1slot "Kafka topology" 1 1
  row kafka-2ingest-1slot "Kafka topology" 2 1
  row kafka-2ingest-2slots "Kafka topology" 2 2
  echo
  echo "Raw figures: \`*-ramp.json\` (every step) and \`*-e2e.json\` (p50/p99/p99.9/max) beside this file."
} > "$RESULTS/summary.md"
cat "$RESULTS/summary.md"
echo "written to $RESULTS (logs in $WORK)"
