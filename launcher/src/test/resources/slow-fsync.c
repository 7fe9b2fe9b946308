/*
 * A slow disk for one directory: preloaded into a process (LD_PRELOAD), it makes every fsync and
 * fdatasync of a file under $SLOW_FSYNC_DIR wait, before the real call, for as many milliseconds as the
 * file $SLOW_FSYNC_CONTROL holds (read at each call, so a test can slow the disk down and speed it up
 * again while the process runs; missing or 0: no delay). Everything else is untouched.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long delay_millis(int fd) {
    const char *dir = getenv("SLOW_FSYNC_DIR");
    const char *control = getenv("SLOW_FSYNC_CONTROL");
    if (dir == NULL || control == NULL) {
        return 0;
    }
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) {
        return 0;
    }
    path[n] = '\0';
    if (strncmp(path, dir, strlen(dir)) != 0) {
        return 0;
    }
    FILE *f = fopen(control, "r");
    if (f == NULL) {
        return 0;
    }
    long millis = 0;
    if (fscanf(f, "%ld", &millis) != 1) {
        millis = 0;
    }
    fclose(f);
    return millis;
}

static void stall(int fd) {
    long millis = delay_millis(fd);
    if (millis > 0) {
        struct timespec pause = {millis / 1000, (millis % 1000) * 1000000L};
        nanosleep(&pause, NULL);
    }
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    }
    stall(fd);
    return real(fd);
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
    }
    stall(fd);
    return real(fd);
}
