# Sourced by cpu.sh, e2e.sh and soak.sh: OUT=/work/perf/e2e/$LABEL made empty, CP the load generator's classpath, and
# a fresh `gridwarden run --no-simulator` (-Xmx1g, the city of 10,000 cameras, device limits lifted, GW_ARGS and
# the script's extra arguments) started as $GW and waited for until ingest answers ready.
cd /work/main
OUT=/work/perf/e2e/$LABEL; rm -rf $OUT; mkdir -p $OUT
CP="benchmarks/target/classes:$(cat benchmarks/target/jmh-classpath.txt)"
java -Xmx1g ${JOPTS:-} -Xlog:gc*:file=$OUT/gc.log:time,uptime -jar ${JAR:-launcher/target/gridwarden.jar} run --no-simulator \
  --data-dir $OUT/data --device-rate=1000000 --device-burst=1000000 --town /work/perf/city-10000.yaml ${GW_ARGS:-} "$@" > $OUT/gw.log 2>&1 &
GW=$!
for i in $(seq 1 120); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/health/ready 2>/dev/null | grep -q 200 && break; sleep 1; done
echo "ready after $i s"
