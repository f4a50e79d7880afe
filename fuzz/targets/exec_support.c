/*
 * exec_support.c: process isolation for the ir-exec fuzz target (IRExecFuzz.swift).
 *
 * A Mochi program ends with exit() (status 1 on a runtime error), so it cannot run
 * inside the fuzzer's own process. mochi_fuzz_run_child forks, runs the body in the
 * child with its stdout and stderr in an in-memory file and its address space
 * capped (a program may ask for any amount of memory; the runtime must then say
 * `out of memory`, not take the machine), and reports how the child ended: its
 * exit status, the signal that killed it, or a timeout. A sanitizer report in the
 * child ends it with status 66 (the death callback), which the target treats as
 * a crash.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>

void __sanitizer_set_death_callback(void (*callback)(void));

static void die_sanitizer(void) { _exit(66); }

/* The program ends with exit() (the runtime's on an error, the target's after a
 * normal end), and libFuzzer's own exit handler would take that for the target
 * exiting the fuzzer: registered in the child, after libFuzzer's, this handler runs
 * first, flushes the program's output and leaves with its status. */
static void child_exit(int status, void *arg) {
    (void)arg;
    fflush(NULL);
    _exit(status & 0xff);
}

static size_t vm_size_bytes(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t kb = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmSize:", 7) == 0) { kb = strtoull(line + 7, NULL, 10); break; }
    }
    fclose(f);
    return kb * 1024;
}

/* kind: 0 exited (code), 1 killed by a signal (code = signal), 2 timed out. The
 * output (stdout then stderr, interleaved as written) is malloc'd into *out. */
int mochi_fuzz_run_child(void (*body)(void *), void *ctx, int timeout_ms, size_t memory_budget,
                         int *code, char **out, size_t *out_len) {
    int fd = memfd_create("mochi-fuzz-out", 0);
    if (fd < 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) { close(fd); return -1; }
    if (pid == 0) {
        __sanitizer_set_death_callback(die_sanitizer);
        on_exit(child_exit, NULL);
        dup2(fd, 1);
        dup2(fd, 2);
        size_t vm = vm_size_bytes();
        if (vm && memory_budget) {
            struct rlimit rl = { vm + memory_budget, vm + memory_budget };
            setrlimit(RLIMIT_AS, &rl);
        }
        body(ctx);
        _exit(0);
    }
    int status = 0, kind = 2;
    struct timespec step = { 0, 200000 };
    long waited_us = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) { kind = WIFSIGNALED(status) ? 1 : 0; break; }
        if (waited_us / 1000 >= timeout_ms) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            kind = 2;
            break;
        }
        nanosleep(&step, NULL);
        waited_us += 200;
    }
    *code = kind == 0 ? WEXITSTATUS(status) : kind == 1 ? WTERMSIG(status) : 0;
    off_t n = lseek(fd, 0, SEEK_END);
    if (n < 0) n = 0;
    if (n > (1 << 20)) n = 1 << 20;
    *out = malloc((size_t)n + 1);
    *out_len = 0;
    if (*out) {
        ssize_t got = pread(fd, *out, (size_t)n, 0);
        *out_len = got > 0 ? (size_t)got : 0;
    }
    close(fd);
    return kind;
}
