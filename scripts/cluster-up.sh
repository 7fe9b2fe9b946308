#!/usr/bin/env bash
# The scale-out deployment on one machine, from the built jars (see docs/deployment.md):
#   a KRaft Kafka broker and a Flink session cluster (job manager, task manager: JVMs of their own),
#   the topics, the enforcement job (gridwarden jobs submit), two `gridwarden ingest` and two
#   `gridwarden alerting` instances on distinct ports. Prints the endpoints; Ctrl-C stops everything.
#
#   scripts/cluster-up.sh [--town FILE] [--work-dir DIR] [--port-base N] [--no-build]
#       [--ingest 1|2] [--alerting 1|2] [--slots N] [--parallelism N] [--command-gateway URL] [--device-rate N]
#
# Ports: ingest a/b HTTP N+80/N+81, MQTT N+83/N+84; alerting a/b operations API N+90/N+91 (N = 18000).
# Kafka and Flink take free ports of their own, printed at the start. Logs: <work dir>/*.log.
# --ingest/--alerting: how many instances of each (default 2); --slots: the task manager's slots (default 2);
# --parallelism: the job's (default: --slots, at most --slots); --command-gateway: where alerting sends commands
# for devices without a commandUrl (the demo town's cameras; default: nowhere); --device-rate: ingest's
# per-device events/s (default ingest's own). Once up, <work dir>/cluster.env holds INGEST_URLS and OPS_URLS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOWN=$ROOT/common/src/main/resources/towns/demo-town.yaml
WORK=""
PORT_BASE=18000
BUILD=1
INGESTS=2
ALERTINGS=2
SLOTS=2
PARALLELISM=""
GATEWAY_OPTS=()
INGEST_OPTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --town) TOWN=$(realpath "$2"); shift 2 ;;
    --work-dir) WORK=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --ingest) INGESTS=$2; shift 2 ;;
    --alerting) ALERTINGS=$2; shift 2 ;;
    --slots) SLOTS=$2; shift 2 ;;
    --parallelism) PARALLELISM=$2; shift 2 ;;
    --command-gateway) GATEWAY_OPTS=(--command-gateway "$2"); shift 2 ;;
    --device-rate) INGEST_OPTS=(--device-rate "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
PARALLELISM=${PARALLELISM:-$SLOTS}
case "$INGESTS$ALERTINGS" in 11|12|21|22) ;; *) echo "--ingest and --alerting take 1 or 2" >&2; exit 2 ;; esac
if ! [ "$SLOTS" -ge 1 ] 2>/dev/null || ! [ "$PARALLELISM" -ge 1 ] 2>/dev/null || [ "$PARALLELISM" -gt "$SLOTS" ]; then
  echo "--slots and --parallelism take a number from 1, the parallelism at most the slots" >&2; exit 2
fi
WORK=$(realpath -m "${WORK:-$(mktemp -d /tmp/gridwarden-cluster.XXXXXX)}")
mkdir -p "$WORK"
EVENT_PARTITIONS=4
EVENTS_TOPIC=gridwarden.events
ACTIONS_TOPIC=gridwarden.actions
DELIVERIES_TOPIC=gridwarden.deliveries
DELIVERY_PARTITIONS=8
TOWN_TOPIC=gridwarden.town
JAVA=${JAVA:-java}

if [ "$BUILD" = 1 ]; then
  echo "building (mvn package -pl launcher -am, tests skipped)…"
  mvn -B -q -DskipTests package -pl launcher -am
fi
GRIDWARDEN_JAR=$ROOT/launcher/target/gridwarden.jar
JOB_JAR=$(ls "$ROOT"/stream-jobs/target/stream-jobs-*-job.jar)
TEST_SUPPORT_JAR=$(ls "$ROOT"/test-support/target/test-support-*.jar)
# The broker's classes (kafka_2.13 and its dependencies, from Maven Central) and Flink's runtime jars (the
# launcher's lib/): flink-dist is not on Maven Central, LocalCluster picks a distribution's lib/ from these.
mvn -B -q dependency:build-classpath -pl test-support -Dmdep.outputFile="$WORK/test-support.classpath" >/dev/null
CLUSTER_CP=$TEST_SUPPORT_JAR:$(cat "$WORK/test-support.classpath"):$ROOT/launcher/target/lib/*

SECRET=$WORK/command-secret
if [ ! -f "$SECRET" ]; then
  (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$SECRET")
fi

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "stopping…"
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "stopped; logs and state in $WORK"
}
trap stop_all INT TERM EXIT

echo "starting Kafka and Flink in $WORK …"
"$JAVA" -cp "$CLUSTER_CP" io.gridwarden.testsupport.LocalCluster "--slots=$SLOTS" "$WORK" \
  "$EVENTS_TOPIC:$EVENT_PARTITIONS" "$ACTIONS_TOPIC:1" "$DELIVERIES_TOPIC:$DELIVERY_PARTITIONS:compact" "$TOWN_TOPIC:1:forever" \
  > "$WORK/local-cluster.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do
  [ -f "$WORK/endpoints.env" ] && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { echo "Kafka/Flink failed to start:"; tail -40 "$WORK/local-cluster.log"; exit 1; }
  sleep 0.5
done
[ -f "$WORK/endpoints.env" ] || { echo "Kafka/Flink not up after 2 minutes; see $WORK"; exit 1; }
# shellcheck disable=SC1091
source "$WORK/endpoints.env"

gridwarden() { "$JAVA" ${GRIDWARDEN_JAVA_OPTS:--Xmx512m} -jar "$GRIDWARDEN_JAR" "$@"; }
# For the instances started in the background: exec, so that $! is the JVM itself and Ctrl-C stops it
# (a backgrounded function is a subshell; killing it would leave its java running).
gridwarden_instance() { exec "$JAVA" ${GRIDWARDEN_JAVA_OPTS:--Xmx512m} -jar "$GRIDWARDEN_JAR" "$@"; }

echo "submitting the enforcement job to $FLINK_JOBMANAGER …"
gridwarden jobs submit --jobmanager "$FLINK_JOBMANAGER" --job-jar "$JOB_JAR" --town "$TOWN" \
  --command-secret-file "$SECRET" --kafka-bootstrap "$KAFKA_BOOTSTRAP" --event-partitions "$EVENT_PARTITIONS" \
  --parallelism "$PARALLELISM" --checkpoint-dir "$FLINK_CHECKPOINTS" --checkpoint-interval PT10S

for (( i=0; i<INGESTS; i++ )); do
  name=$([ $i = 0 ] && echo a || echo b)
  gridwarden_instance ingest --town "$TOWN" --command-secret-file "$SECRET" --kafka-bootstrap "$KAFKA_BOOTSTRAP" \
    --event-partitions "$EVENT_PARTITIONS" --town-topic "$TOWN_TOPIC" --instance-id "ingest-$name" --host 127.0.0.1 ${INGEST_OPTS[@]+"${INGEST_OPTS[@]}"} \
    --ingest-port $((PORT_BASE + 80 + i)) --mqtt-port $((PORT_BASE + 83 + i)) > "$WORK/ingest-$name.log" 2>&1 &
  PIDS+=($!)
done
if gridwarden alerting --help > /dev/null 2>&1; then
  for (( i=0; i<ALERTINGS; i++ )); do
    name=$([ $i = 0 ] && echo a || echo b)
    gridwarden_instance alerting --town "$TOWN" --kafka-bootstrap "$KAFKA_BOOTSTRAP" --event-partitions "$EVENT_PARTITIONS" \
      --town-topic "$TOWN_TOPIC" \
      ${GATEWAY_OPTS[@]+"${GATEWAY_OPTS[@]}"} \
      --delivery-partitions "$DELIVERY_PARTITIONS" --instance-id "alerting-$name" --data-dir "$WORK/alerting-$name" \
      --host 127.0.0.1 --ops-port $((PORT_BASE + 90 + i)) > "$WORK/alerting-$name.log" 2>&1 &
    PIDS+=($!)
  done
  ALERTING=1
else
  ALERTING=0
fi

await_ready() { # url, log
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "not ready: $1 (see $2)"; return 1
}
INGEST_URLS=()
OPS_URLS=()
for i in 0 1; do
  name=$([ $i = 0 ] && echo a || echo b)
  if [ $i -lt "$INGESTS" ]; then
    INGEST_URLS+=("http://127.0.0.1:$((PORT_BASE + 80 + i))")
    await_ready "${INGEST_URLS[-1]}" "$WORK/ingest-$name.log"
  fi
  if [ "$ALERTING" = 1 ] && [ $i -lt "$ALERTINGS" ]; then
    OPS_URLS+=("http://127.0.0.1:$((PORT_BASE + 90 + i))")
    await_ready "${OPS_URLS[-1]}" "$WORK/alerting-$name.log"
  fi
done

cat <<INFO

gridwarden is up (work dir $WORK):
  Kafka bootstrap      $KAFKA_BOOTSTRAP   topics $EVENTS_TOPIC ($EVENT_PARTITIONS partitions), $ACTIONS_TOPIC (1),
                       $DELIVERIES_TOPIC ($DELIVERY_PARTITIONS, compacted), $TOWN_TOPIC (1, kept forever: town versions)
  Flink web UI / REST  http://$FLINK_JOBMANAGER   (task manager: $SLOTS slot(s), job parallelism $PARALLELISM)
  ingest a             http://127.0.0.1:$((PORT_BASE + 80))/v1/events   mqtt://127.0.0.1:$((PORT_BASE + 83))
INFO
[ "$INGESTS" = 2 ] && echo "  ingest b             http://127.0.0.1:$((PORT_BASE + 81))/v1/events   mqtt://127.0.0.1:$((PORT_BASE + 84))"
if [ "$ALERTING" = 1 ]; then
  echo "  alerting a           http://127.0.0.1:$((PORT_BASE + 90))/   (SSE: /v1/alerts/stream, token demo-admin)"
  [ "$ALERTINGS" = 2 ] && echo "  alerting b           http://127.0.0.1:$((PORT_BASE + 91))/"
else
  echo "  alerting             (this build has no 'gridwarden alerting' command)"
fi
# For scripts driving the deployment (benchmarks/scale-out.sh): written last, once every instance is ready.
printf 'INGEST_URLS=%s\nOPS_URLS=%s\n' "$(IFS=,; echo "${INGEST_URLS[*]}")" "$(IFS=,; echo "${OPS_URLS[*]}")" > "$WORK/cluster.env.tmp"
mv "$WORK/cluster.env.tmp" "$WORK/cluster.env"
echo "Ctrl-C stops everything."
wait
