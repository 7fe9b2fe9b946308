/*
 * A wall clock that jumps, for one process: preloaded into it (LD_PRELOAD), it adds to CLOCK_REALTIME
 * (clock_gettime, gettimeofday, time) the number of seconds the file $WALL_CLOCK_OFFSET_FILE holds,
 * re-read at most every 100 ms, so a test can set the clock forward and back while the process runs,
 * as an administrator or NTP stepping the clock would. The monotonic clocks, sleeps and everything
 * else are untouched (unlike libfaketime, whose wrappers slowed or broke the JVM here).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static int (*real_clock_gettime)(clockid_t, struct timespec *);
static long cached_offset;
static long next_read_nanos;

static long monotonic_nanos(void) {
    struct timespec now;
    real_clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000L + now.tv_nsec;
}

static long offset_seconds(void) {
    const char *file = getenv("WALL_CLOCK_OFFSET_FILE");
    if (file == NULL) {
        return 0;
    }
    long now = monotonic_nanos();
    if (now < __atomic_load_n(&next_read_nanos, __ATOMIC_RELAXED)) {
        return __atomic_load_n(&cached_offset, __ATOMIC_RELAXED);
    }
    long offset = 0;
    FILE *f = fopen(file, "r");
    if (f != NULL) {
        if (fscanf(f, "%ld", &offset) != 1) {
            offset = 0;
        }
        fclose(f);
    }
    __atomic_store_n(&cached_offset, offset, __ATOMIC_RELAXED);
    __atomic_store_n(&next_read_nanos, now + 100000000L, __ATOMIC_RELAXED);
    return offset;
}

int clock_gettime(clockid_t clock, struct timespec *tp) {
    if (real_clock_gettime == NULL) {
        real_clock_gettime = (int (*)(clockid_t, struct timespec *)) dlsym(RTLD_NEXT, "clock_gettime");
    }
    int result = real_clock_gettime(clock, tp);
    if (result == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) {
        tp->tv_sec += offset_seconds();
    }
    return result;
}

int gettimeofday(struct timeval *tv, void *tz) {
    struct timespec now;
    int result = clock_gettime(CLOCK_REALTIME, &now);
    if (result == 0 && tv != NULL) {
        tv->tv_sec = now.tv_sec;
        tv->tv_usec = now.tv_nsec / 1000;
    }
    (void) tz;
    return result;
}

time_t time(time_t *out) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out != NULL) {
        *out = now.tv_sec;
    }
    return now.tv_sec;
}
