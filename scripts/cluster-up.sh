#!/usr/bin/env bash
# The scale-out deployment on one machine, from the built jars (see docs/deployment.md):
#   a KRaft Kafka broker and a Flink session cluster (job manager, task manager: JVMs of their own),
#   the topics, the enforcement job (gridwarden jobs submit), two `gridwarden ingest` and two
#   `gridwarden alerting` instances on distinct ports. Prints the endpoints; Ctrl-C stops everything.
#
#   scripts/cluster-up.sh [--town FILE] [--work-dir DIR] [--port-base N] [--no-build]
#
# Ports: ingest a/b HTTP N+80/N+81, MQTT N+83/N+84; alerting a/b operations API N+90/N+91 (N = 18000).
# Kafka and Flink take free ports of their own, printed at the start. Logs: <work dir>/*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOWN=$ROOT/common/src/main/resources/towns/demo-town.yaml
WORK=""
PORT_BASE=18000
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --town) TOWN=$(realpath "$2"); shift 2 ;;
    --work-dir) WORK=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,11p' "$0" | cut -c3-; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
WORK=$(realpath -m "${WORK:-$(mktemp -d /tmp/gridwarden-cluster.XXXXXX)}")
mkdir -p "$WORK"
EVENT_PARTITIONS=4
EVENTS_TOPIC=gridwarden.events
ACTIONS_TOPIC=gridwarden.actions
DELIVERIES_TOPIC=gridwarden.deliveries
DELIVERY_PARTITIONS=8
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
"$JAVA" -cp "$CLUSTER_CP" io.gridwarden.testsupport.LocalCluster "$WORK" \
  "$EVENTS_TOPIC:$EVENT_PARTITIONS" "$ACTIONS_TOPIC:1" "$DELIVERIES_TOPIC:$DELIVERY_PARTITIONS:compact" \
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
  --parallelism 2 --checkpoint-dir "$FLINK_CHECKPOINTS" --checkpoint-interval PT10S

for i in 0 1; do
  name=$([ $i = 0 ] && echo a || echo b)
  gridwarden_instance ingest --town "$TOWN" --command-secret-file "$SECRET" --kafka-bootstrap "$KAFKA_BOOTSTRAP" \
    --event-partitions "$EVENT_PARTITIONS" --instance-id "ingest-$name" --host 127.0.0.1 \
    --ingest-port $((PORT_BASE + 80 + i)) --mqtt-port $((PORT_BASE + 83 + i)) > "$WORK/ingest-$name.log" 2>&1 &
  PIDS+=($!)
done
if gridwarden alerting --help > /dev/null 2>&1; then
  for i in 0 1; do
    name=$([ $i = 0 ] && echo a || echo b)
    gridwarden_instance alerting --town "$TOWN" --kafka-bootstrap "$KAFKA_BOOTSTRAP" --event-partitions "$EVENT_PARTITIONS" \
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
for i in 0 1; do
  name=$([ $i = 0 ] && echo a || echo b)
  await_ready "http://127.0.0.1:$((PORT_BASE + 80 + i))" "$WORK/ingest-$name.log"
  [ "$ALERTING" = 1 ] && await_ready "http://127.0.0.1:$((PORT_BASE + 90 + i))" "$WORK/alerting-$name.log"
done

cat <<INFO

gridwarden is up (work dir $WORK):
  Kafka bootstrap      $KAFKA_BOOTSTRAP   topics $EVENTS_TOPIC ($EVENT_PARTITIONS partitions), $ACTIONS_TOPIC (1),
                       $DELIVERIES_TOPIC ($DELIVERY_PARTITIONS, compacted)
  Flink web UI / REST  http://$FLINK_JOBMANAGER
  ingest a             http://127.0.0.1:$((PORT_BASE + 80))/v1/events   mqtt://127.0.0.1:$((PORT_BASE + 83))
  ingest b             http://127.0.0.1:$((PORT_BASE + 81))/v1/events   mqtt://127.0.0.1:$((PORT_BASE + 84))
INFO
if [ "$ALERTING" = 1 ]; then
  cat <<INFO
  alerting a           http://127.0.0.1:$((PORT_BASE + 90))/   (SSE: /v1/alerts/stream, token demo-admin)
  alerting b           http://127.0.0.1:$((PORT_BASE + 91))/
INFO
else
  echo "  alerting             (this build has no 'gridwarden alerting' command)"
fi
echo "Ctrl-C stops everything."
wait
