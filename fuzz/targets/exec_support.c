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
 *
 * Forking the fuzzer itself costs more the larger it grows (its heap, ASan's
 * quarantine and shadow, the corpus: a fork's page tables and copy-on-write faults
 * scale with them), and that was most of an input's time. So the target starts a
 * zygote at initialisation, while the process is small: it waits for requests
 * (which engine, the input's bytes) on a pipe, forks a child per request that
 * runs the input through the target's handler (decode, verify, run), and sends
 * back how the child ended and its output. The zygote itself never allocates
 * per request (static buffers), so it stays as small as it started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <sched.h>

void __sanitizer_set_death_callback(void (*callback)(void));

/* The engines run in the fuzzer's own process (contained runs: IRExecFuzz.swift),
 * without a child's address-space cap: an allocation past 1 GiB fails (the runtime
 * then says `out of memory`, as under the cap) rather than taking the fuzzer to
 * libFuzzer's malloc limit, a false finding. ASAN_OPTIONS can still override it. */
const char *__asan_default_options(void) { return "max_allocation_size_mb=1024"; }

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

/* fork() under ASan first locks every sanitizer structure (the stack depot's whole
 * table among them) so that no other thread holds one in the child; both
 * processes then write to those pages, a copy-on-write fault each: a quarter of a
 * child's page faults. The zygote has one thread and holds no lock when it forks,
 * so it forks by the system call alone, the kernel writing the child's thread id
 * into glibc's thread descriptor as fork() has it do (its offset found once, as
 * the word there that equals gettid()); fork() when it is not found. */
static int tid_offset = -2;

static pid_t raw_fork(void) {
    if (tid_offset == -2) {
        pid_t tid = (pid_t)syscall(SYS_gettid);
        const pid_t *self = (const pid_t *)pthread_self();
        tid_offset = -1;
        for (int i = 0; i < 1024; i++) {
            if (self[i] == tid) { tid_offset = i; break; }
        }
    }
    if (tid_offset < 0) return fork();
    pid_t *field = (pid_t *)pthread_self() + tid_offset;
    return (pid_t)syscall(SYS_clone, CLONE_CHILD_SETTID | SIGCHLD, 0, NULL, field, 0);
}

/* Runs body in a child; kind: 0 exited (code), 1 killed by a signal (code =
 * signal), 2 timed out, -1 no child. The output (stdout then stderr, interleaved as
 * written, at most cap bytes) goes to buf, or to a malloc'd *out when buf is NULL. */
static int run_child(void (*body)(void *), void *ctx, int timeout_ms, size_t memory_budget,
                     int *code, char *buf, size_t cap, char **out, size_t *out_len, int raw) {
    int fd = memfd_create("mochi-fuzz-out", 0);
    if (fd < 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = raw ? raw_fork() : fork();
    if (pid < 0) { close(fd); return -1; }
    if (pid == 0) {
        /* Killed with whoever forked it (the fuzzer ended by libFuzzer's timeout, or
         * the zygote with the fuzzer), never left running without its time limit. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
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
    struct timespec step = { 0, 200000 }, start, now;
    /* The budget is measured on the clock, not counted in steps: on a loaded
     * machine a 200 us sleep lasts far longer, and counted steps let a 5 s budget
     * stretch past libFuzzer's own 30 s timeout. */
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &ru);
        if (r == pid) { kind = WIFSIGNALED(status) ? 1 : 0; break; }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited_ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (waited_ms >= timeout_ms) {
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &ru);
            kind = 2;
            break;
        }
        nanosleep(&step, NULL);
    }
    /* MOCHI_FUZZ_CHILDSTATS=1: each child's wall-clock and CPU time and page faults
     * on stderr (where an input's time goes: scripts/fuzz --help). */
    if (getenv("MOCHI_FUZZ_CHILDSTATS")) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        fprintf(stderr, "child: %ld us wall, %ld us user, %ld us sys, %ld page faults\n",
                (long)((now.tv_sec - start.tv_sec) * 1000000 + (now.tv_nsec - start.tv_nsec) / 1000),
                (long)(ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec),
                (long)(ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec), ru.ru_minflt + ru.ru_majflt);
    }
    *code = kind == 0 ? WEXITSTATUS(status) : kind == 1 ? WTERMSIG(status) : 0;
    off_t n = lseek(fd, 0, SEEK_END);
    if (n < 0) n = 0;
    if ((size_t)n > cap) n = (off_t)cap;
    if (!buf) {
        *out = malloc((size_t)n + 1);
        buf = *out;
    }
    *out_len = 0;
    if (buf) {
        ssize_t got = pread(fd, buf, (size_t)n, 0);
        *out_len = got > 0 ? (size_t)got : 0;
    }
    close(fd);
    return kind;
}

int mochi_fuzz_run_child(void (*body)(void *), void *ctx, int timeout_ms, size_t memory_budget,
                         int *code, char **out, size_t *out_len) {
    return run_child(body, ctx, timeout_ms, memory_budget, code, NULL, 1 << 20, out, out_len, 0);
}

/* ---------------------------------------------------------------- the zygote */

#define ZYGOTE_MAX_INPUT (1 << 20)
#define ZYGOTE_MAX_OUTPUT (1 << 20)

static pid_t zygote_pid = -1;
static int zygote_req = -1, zygote_resp = -1;
static void (*zygote_handler)(int, const unsigned char *, size_t);
static int zygote_timeout_ms;
static size_t zygote_memory;

static int read_full(int fd, void *p, size_t n) {
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t r = write(fd, c, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static unsigned char zygote_input[ZYGOTE_MAX_INPUT];
static char zygote_output[ZYGOTE_MAX_OUTPUT];
static struct { int engine; size_t len; } zygote_request;

static void zygote_body(void *ctx) {
    (void)ctx;
    zygote_handler(zygote_request.engine, zygote_input, zygote_request.len);
    _exit(0);
}

static void zygote_loop(int req, int resp) {
    for (;;) {
        if (read_full(req, &zygote_request, sizeof zygote_request) != 0) _exit(0);
        if (zygote_request.len > ZYGOTE_MAX_INPUT) _exit(3);
        if (read_full(req, zygote_input, zygote_request.len) != 0) _exit(0);
        int code = 0;
        size_t len = 0;
        int kind = run_child(zygote_body, NULL, zygote_timeout_ms, zygote_memory, &code, zygote_output,
                             ZYGOTE_MAX_OUTPUT, NULL, &len, 1);
        int head[2] = { kind, code };
        size_t n = len;
        if (write_full(resp, head, sizeof head) != 0 || write_full(resp, &n, sizeof n) != 0 ||
            write_full(resp, zygote_output, len) != 0) _exit(0);
    }
}

/* At the fuzzer's exit: the zygote sees the end of its requests and leaves; waited
 * for, so its time (and its children's) counts in the fuzzer's. */
static void zygote_stop(void) {
    if (zygote_pid < 0) return;
    close(zygote_req);
    close(zygote_resp);
    waitpid(zygote_pid, NULL, 0);
    zygote_pid = -1;
}

int mochi_fuzz_zygote_start(void (*handler)(int, const unsigned char *, size_t), int timeout_ms,
                            size_t memory_budget) {
    int a[2], b[2];
    zygote_handler = handler;
    zygote_timeout_ms = timeout_ms;
    zygote_memory = memory_budget;
    if (pipe2(a, O_CLOEXEC) != 0) return -1;
    if (pipe2(b, O_CLOEXEC) != 0) { close(a[0]); close(a[1]); return -1; }
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) { close(a[0]); close(a[1]); close(b[0]); close(b[1]); return -1; }
    if (pid == 0) {
        /* Gone with the fuzzer, whichever way it ends. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        close(a[1]);
        close(b[0]);
        zygote_loop(a[0], b[1]);
        _exit(0);
    }
    close(a[0]);
    close(b[1]);
    zygote_pid = pid;
    zygote_req = a[1];
    zygote_resp = b[0];
    atexit(zygote_stop);
    return 0;
}

int mochi_fuzz_zygote_run(int engine, const unsigned char *bytes, size_t len, int *code, char **out,
                          size_t *out_len) {
    if (zygote_pid < 0 || len > ZYGOTE_MAX_INPUT) return -1;
    struct { int engine; size_t len; } r = { engine, len };
    int head[2];
    size_t n;
    if (write_full(zygote_req, &r, sizeof r) != 0 || write_full(zygote_req, bytes, len) != 0 ||
        read_full(zygote_resp, head, sizeof head) != 0 || read_full(zygote_resp, &n, sizeof n) != 0 ||
        n > ZYGOTE_MAX_OUTPUT) {
        goto dead;
    }
    *out = malloc(n + 1);
    if (!*out || read_full(zygote_resp, *out, n) != 0) { free(*out); *out = NULL; goto dead; }
    *out_len = n;
    *code = head[1];
    return head[0];
dead:
    /* The zygote is gone (it should never be): the caller forks itself instead. */
    close(zygote_req);
    close(zygote_resp);
    kill(zygote_pid, SIGKILL);
    waitpid(zygote_pid, NULL, 0);
    zygote_pid = -1;
    return -1;
}
