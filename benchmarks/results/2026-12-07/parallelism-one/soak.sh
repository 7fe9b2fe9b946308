#!/bin/bash
# soak.sh LABEL [gridwarden args]: fresh process, 60 s unmeasured then 600 s measured at 100,000 events/s over HTTP
# (RATE, DUR and LOAD_ARGS for the load generator, e.g. LOAD_ARGS="--mqtt-port 1883 --mqtt-sessions 9000" for MQTT);
# the job's unread records and the event log's lag read from /metrics every second
set -u
LABEL=$1; shift
source "$(dirname "$0")/start.sh"
java -cp "$CP" io.gridwarden.benchmarks.LoadGen load --town /work/perf/city-10000.yaml --rate ${RATE:-100000} --warmup PT60S --duration ${DUR:-PT600S} --out $OUT/soak.json ${LOAD_ARGS:-} > $OUT/lg.log 2>&1 &
LG=$!
echo "second,job_unread_records,log_lag_events" > $OUT/metrics.csv
s=0
while kill -0 $LG 2>/dev/null; do
  curl -s -m 1 -H "Authorization: Bearer demo-admin" http://127.0.0.1:8090/metrics \
    | awk -v s=$s '/^gridwarden_job_unread_records/{u+=$NF} /^gridwarden_log_lag_events\{log="events"/{l+=$NF} END {printf "%d,%d,%d\n", s, u, l}' >> $OUT/metrics.csv
  s=$((s+1)); sleep 1
done
kill $GW; wait $GW 2>/dev/null
cp $OUT/data/event-log/LOG $OUT/event-log.LOG # its compactions: ../dedup-universal/compactions.sh
rm -rf $OUT/data
