#!/bin/bash
# compactions.sh LOG: each compaction of a RocksDB LOG: seconds since the first event, output level, input records, CPU s
grep "compaction_finished" "$1" | grep -o '"time_micros": [0-9]*\|"compaction_time_cpu_micros": [0-9]*\|"output_level": [0-9]*\|"num_input_records": [0-9]*' \
 | paste - - - - | awk '{if (NR==1) t0=$2; printf "t=%4.0f s  L%s  %10d records  %6.2f s cpu\n", ($2-t0)/1e6, $6, $8, $4/1e6; c+=$4} END {printf "total %.1f s cpu\n", c/1e6}'
