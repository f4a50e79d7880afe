/*
 * mochi_core.c: process-level runtime: start-up, exit, the buffered stdout, and
 * the single runtime-error path of LANGUAGE.md §10.
 *
 * Every runtime error in every execution mode ends in mochi_rt_error, which
 * flushes what the program already printed, writes `error: <message>` (and the
 * `  at file:line` location the caller last stored) to stderr and exits with
 * status 1, so the interpreter, JIT and AOT binaries fail identically. The
 * `integer overflow` of int arithmetic adds one line after the location, a note
 * that bigint exists (MOCHI_OVERFLOW_NOTE); the first line stays the message
 * LANGUAGE.md §10 fixes.
 */
#if !defined(__wasm__)
#define _POSIX_C_SOURCE 200809L /* sigaction, setitimer (built as -std=c99) */
#endif
#include "mochi_internal.h"
#include <math.h>
#if defined(__wasm__) || defined(_WIN32) || defined(__TINYC__)
/* Contained runs (an in-process test harness) are not built on wasm32 (no
 * setjmp/longjmp without the exception-handling proposal), on Windows (no SIGPROF
 * CPU-time timer) or by tcc (no __atomic builtins). */
#define MOCHI_CONTAIN 0
typedef int mochi_contain_buf;
#else
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>
#define MOCHI_CONTAIN 1
typedef jmp_buf mochi_contain_buf;
#endif
#include <time.h>

const char *mochi_loc_file = NULL;
int32_t mochi_loc_line = 0;

static int rt_argc;

/* The stdout buffer: big, flushed at exit and before any error message. */
#define OUT_CAP ((size_t)1 << 16)
static char out_buf[OUT_CAP];
static size_t out_n;
static int out_capturing;
static MochiBuf out_capture;
static mochi_contain_buf *contain_jmp; /* a contained run's; never set where !MOCHI_CONTAIN */

void mochi_rt_init(int argc, char **argv, void *stack_base) {
    (void)argv;
    rt_argc = argc;
    mochi_rt_set_stack_base(stack_base);
}

int64_t mochi_rt_argc(void) {
    return rt_argc;
}

void mochi_out_flush(void) {
    if (out_n) {
        fwrite(out_buf, 1, out_n, stdout);
        out_n = 0;
    }
    fflush(stdout);
}

static void contain_capped(const char *bytes, size_t n);

void mochi_out_write(const char *bytes, size_t n) {
    if (out_capturing) {
        if (MOCHI_UNLIKELY(contain_jmp != NULL && out_capture.n + n > MOCHI_CONTAIN_OUTPUT_CAP)) {
            contain_capped(bytes, n);
            return;
        }
        mochi_buf_put(&out_capture, bytes, n);
        return;
    }
    if (n > OUT_CAP - out_n) {
        mochi_out_flush();
        if (n >= OUT_CAP) {
            fwrite(bytes, 1, n, stdout);
            return;
        }
    }
    memcpy(out_buf + out_n, bytes, n);
    out_n += n;
}

void mochi_out_capture(int on) {
    if (on && !out_capturing) mochi_buf_init(&out_capture);
    if (!on && out_capturing) mochi_buf_free(&out_capture);
    out_capturing = on != 0;
}

mochi_ref mochi_out_take_capture(void) {
    if (!out_capturing) return mochi_str_new("", 0);
    mochi_ref s = mochi_str_new(out_capture.p ? out_capture.p : "", (int64_t)out_capture.n);
    out_capture.n = 0;
    return s;
}

/* ---- contained runs (mochi_runtime.h: an in-process harness only) ----
 * The time limit is a CPU-time timer (ITIMER_PROF, the process's user and system
 * time, as clock() counts it) whose handler only sets a bit of mochi_rt_contain_stop;
 * the run leaves at the next place that looks at it, where the runtime's state is
 * whole: the collector's credit-out, and the polls a contained run's code has (the
 * interpreter's loop back edges and function entries, the JIT's block starts;
 * nothing else runs them, so uncontained runs pay nothing). The output cap sets
 * the other bit once the captured output passes MOCHI_CONTAIN_OUTPUT_CAP. */
#define CONTAIN_TIME 1
#define CONTAIN_OUTPUT 2
static volatile int contain_status;
static uint64_t contain_heap_budget;
static int contain_truncated;
static MochiBuf contain_out;
volatile int mochi_rt_contain_stop;

/* Leaves the contained run with status (never returns). */
static MOCHI_NORETURN void contain_leave(int status) {
    contain_status = status;
#if MOCHI_CONTAIN
    longjmp(*contain_jmp, 1);
#else
    abort();
#endif
}

#if MOCHI_CONTAIN
static void contain_on_timer(int sig) {
    (void)sig;
    __atomic_fetch_or(&mochi_rt_contain_stop, CONTAIN_TIME, __ATOMIC_RELAXED);
}

/* Arms (seconds > 0) or disarms the CPU-time timer (one expiry). The handler
 * stays installed once set: a signal already on its way when the timer is
 * disarmed then only sets a bit that the next contained run clears (SIGPROF's
 * default action would end the process). */
static void contain_timer(double seconds) {
    static int installed;
    if (seconds > 0 && !installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = contain_on_timer;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGPROF, &sa, NULL) != 0) return;
        installed = 1;
    }
    struct itimerval t;
    memset(&t, 0, sizeof t);
    if (seconds > 0) {
        t.it_value.tv_sec = (time_t)seconds;
        t.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
        if (t.it_value.tv_sec == 0 && t.it_value.tv_usec == 0) t.it_value.tv_usec = 1;
    }
    if (installed) setitimer(ITIMER_PROF, &t, NULL);
}
#endif

int mochi_rt_contained(void (*body)(void *), void *ctx, double seconds, uint64_t heap_budget) {
#if !MOCHI_CONTAIN
    (void)body, (void)ctx, (void)seconds, (void)heap_budget;
    contain_out.n = 0;
    return -3; /* not available on this target */
#else
    jmp_buf here;
    jmp_buf *outer = contain_jmp;
    int was_capturing = out_capturing;
    mochi_out_flush();
    if (!was_capturing) mochi_out_capture(1);
    out_capture.n = 0;
    contain_status = 0;
    contain_truncated = 0;
    contain_heap_budget = heap_budget;
    mochi_rt_contain_stop = 0;
    if (!outer) contain_timer(seconds);
    if (setjmp(here) == 0) {
        contain_jmp = &here;
        body(ctx);
    }
    if (!outer) contain_timer(0);
    contain_jmp = outer;
    contain_heap_budget = 0;
    mochi_rt_contain_stop = 0;
    /* Past the output cap, the output is its first MOCHI_CONTAIN_OUTPUT_CAP bytes
     * (an `error:` text after them dropped too) and the run ended by the cap,
     * whatever ended it after (but the time limit and the heap budget). */
    if (contain_truncated) {
        if (out_capture.n > MOCHI_CONTAIN_OUTPUT_CAP) out_capture.n = MOCHI_CONTAIN_OUTPUT_CAP;
        if (contain_status != -1 && contain_status != -2) contain_status = -4;
    }
    contain_truncated = 0;
    /* The output moves to contain_out; the capture buffer is the caller's again. */
    contain_out.n = 0;
    mochi_buf_put(&contain_out, out_capture.p ? out_capture.p : "", out_capture.n);
    out_capture.n = 0;
    if (!was_capturing) mochi_out_capture(0);
    mochi_loc_file = NULL;
    mochi_loc_line = 0;
    return contain_status;
#endif
}

/* A contained run's output reached the cap: what fits is kept, the rest dropped,
 * and the run stops at its next poll (not here: a caller may own memory). */
static MOCHI_COLD void contain_capped(const char *bytes, size_t n) {
    if (out_capture.n < MOCHI_CONTAIN_OUTPUT_CAP) {
        size_t room = MOCHI_CONTAIN_OUTPUT_CAP - out_capture.n;
        mochi_buf_put(&out_capture, bytes, n < room ? n : room);
    }
    contain_truncated = 1;
#if MOCHI_CONTAIN
    __atomic_fetch_or(&mochi_rt_contain_stop, CONTAIN_OUTPUT, __ATOMIC_RELAXED);
#endif
}

const char *mochi_rt_contained_output(size_t *len) {
    *len = contain_out.n;
    return contain_out.p ? contain_out.p : "";
}

/* Leaves the run when a stop bit is set: out of time first. */
static void contain_poll(void) {
    int stop = mochi_rt_contain_stop;
    if (!stop || !contain_jmp) return;
    contain_leave(stop & CONTAIN_TIME ? -1 : -4);
}

void mochi_rt_contained_check(uint64_t bytes_in_use) {
    if (!contain_jmp) return;
    if (contain_heap_budget && bytes_in_use > contain_heap_budget) contain_leave(-2);
    contain_poll();
}

void mochi_rt_contained_poll(void) {
    if (!contain_jmp) {
        mochi_rt_contain_stop = 0; /* (a late timer signal after a run) */
        return;
    }
    contain_poll();
}

void mochi_rt_contained_stop(void) {
    if (contain_jmp) contain_poll();
    /* Only a contained run's code polls: never reached. */
    abort();
}

/* ---- test mode (`mochi test`) ----
 * Programs lower each `test "name" { ... }` block to test.begin / body / test.end.
 * Outside test mode those calls do nothing and a failed `expect` is a runtime error.
 * In test mode (MOCHI_TEST=1 in the environment, or mochi_rt_set_test_mode) a failed
 * `expect` inside a test marks that test failed and the test goes on; each test
 * reports one line, and exit prints the closing `N passed, N failed` line. */
static int test_mode = -1; /* -1: not yet read from the environment */
static int in_test;
static int64_t test_failures, tests_passed, tests_failed;
static char *test_name; /* a copy: the report line is written when the test ends */
static size_t test_name_len;

int mochi_rt_test_mode(void) {
    if (test_mode < 0) {
        const char *e = getenv("MOCHI_TEST");
        test_mode = e && e[0] == '1';
    }
    return test_mode;
}

void mochi_rt_set_test_mode(int on) {
    test_mode = on ? 1 : 0;
}

void mochi_rt_test_begin(mochi_ref name) {
    if (!mochi_rt_test_mode()) return;
    in_test = 1;
    test_failures = 0;
    test_name_len = (size_t)mochi_str_byte_len(name);
    test_name = (char *)mochi_xrealloc(test_name, test_name_len + 1);
    memcpy(test_name, mochi_str_bytes(name), test_name_len);
}

void mochi_rt_test_end(void) {
    if (!mochi_rt_test_mode() || !in_test) return;
    in_test = 0;
    mochi_out_write("test ", 5);
    mochi_out_write(test_name, test_name_len);
    if (test_failures) {
        tests_failed++;
        mochi_out_write(" ... FAIL\n", 10);
    } else {
        tests_passed++;
        mochi_out_write(" ... ok\n", 8);
    }
}

int mochi_rt_finish(void) {
    int status = 0;
    const char *gs = getenv("MOCHI_GC_STATS");
    if (gs && gs[0] == '1') {
        /* MOCHI_GC_STATS=1: the collector's figures on stderr at the end of the run. */
        MochiGCStats st = mochi_gc_stats();
        fprintf(stderr, "gc: %llu collections, %llu bytes allocated, peak %llu bytes in use, "
                        "%llu bytes live at exit, heap %llu bytes\n",
                (unsigned long long)st.collections, (unsigned long long)st.bytes_allocated,
                (unsigned long long)st.bytes_peak, (unsigned long long)st.bytes_live,
                (unsigned long long)st.heap_bytes);
    }
    if (mochi_rt_test_mode()) {
        char line[96];
        int n = snprintf(line, sizeof line, "%lld passed, %lld failed\n", (long long)tests_passed,
                         (long long)tests_failed);
        mochi_out_write(line, (size_t)n);
        status = tests_failed ? 1 : 0;
    }
    mochi_out_flush();
    return status;
}

void mochi_rt_exit(int status) {
    int s = mochi_rt_finish();
    if (contain_jmp) contain_leave(status ? status : s);
    exit(status ? status : s);
}

size_t mochi_rt_error_text_note(char *buf, size_t cap, const char *msg, const char *note) {
    int n, k = 0;
    if (mochi_loc_file && mochi_loc_line > 0)
        n = snprintf(buf, cap, "error: %s\n  at %s:%d\n", msg, mochi_loc_file, (int)mochi_loc_line);
    else
        n = snprintf(buf, cap, "error: %s\n", msg);
    if (n < 0) n = 0;
    if (note && (size_t)n < cap) k = snprintf(buf + n, cap - (size_t)n, "  note: %s\n", note);
    if (k > 0) n += k;
    return (size_t)n < cap ? (size_t)n : (cap ? cap - 1 : 0);
}

size_t mochi_rt_error_text(char *buf, size_t cap, const char *msg) {
    return mochi_rt_error_text_note(buf, cap, msg, NULL);
}

void mochi_rt_error_note(const char *msg, const char *note) {
    char small[1024];
    mochi_out_flush();
    size_t need = strlen(msg) + (mochi_loc_file ? strlen(mochi_loc_file) : 0) + (note ? strlen(note) : 0) + 80;
    char *buf = need <= sizeof small ? small : (char *)malloc(need);
    if (!buf) {
        buf = small;
        need = sizeof small;
    }
    size_t n = mochi_rt_error_text_note(buf, need, msg, note);
    if (contain_jmp) {
        /* A contained run: the text follows the captured stdout, and the run ends
         * (uncontained while the text is stored: no error can come back here). */
        mochi_contain_buf *j = contain_jmp;
        contain_jmp = NULL;
        mochi_buf_put(&out_capture, buf, n);
        if (buf != small) free(buf);
        contain_jmp = j;
        contain_leave(1);
    }
    fwrite(buf, 1, n, stderr);
    fflush(stderr);
    exit(1);
}

void mochi_rt_error(const char *msg) {
    mochi_rt_error_note(msg, NULL);
}

void mochi_err_overflow(void) {
    mochi_rt_error_note("integer overflow", MOCHI_OVERFLOW_NOTE);
}

void mochi_err_div_zero(void) {
    mochi_rt_error("division by zero");
}

void mochi_err_overflow_at(int32_t line) {
    mochi_loc_line = line;
    mochi_err_overflow();
}

void mochi_err_div_zero_at(int32_t line) {
    mochi_loc_line = line;
    mochi_rt_error("division by zero");
}

void mochi_err_stack_overflow_at(int32_t line) {
    mochi_loc_line = line;
    mochi_rt_error("stack overflow");
}

void mochi_err_index(const char *what, int64_t i, int64_t n) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s index out of range: %lld (len %lld)", what, (long long)i, (long long)n);
    mochi_rt_error(msg);
}

void mochi_rt_panic(mochi_ref msg) {
    mochi_rt_error(mochi_str_bytes(msg));
}

void mochi_rt_expect(int64_t cond) {
    if (cond) return;
    if (in_test && mochi_rt_test_mode()) {
        /* A failed expect inside a test fails that test; the test runs on. */
        test_failures++;
        mochi_out_flush();
        if (mochi_loc_file && mochi_loc_line > 0)
            fprintf(stderr, "  expect condition failed at %s:%d\n", mochi_loc_file, (int)mochi_loc_line);
        else
            fprintf(stderr, "  expect condition failed\n");
        return;
    }
    mochi_rt_error("expect condition failed");
}

double mochi_f64_mod(double a, double b) {
    if (b == 0.0) mochi_err_div_zero();
    return fmod(a, b);
}

void mochi_print_str(mochi_ref s) {
    MochiStr *str = (MochiStr *)s;
    /* A null string (a missing map key) prints nil, as every null does (LANGUAGE.md §5.4). */
    if (str) mochi_out_write(str->data, (size_t)str->len);
    else mochi_out_write("nil", 3);
    mochi_out_write("\n", 1);
}

void mochi_print_value(MochiSlotKind kind, mochi_slot v) {
    MochiBuf b;
    mochi_buf_init(&b);
    mochi_fmt_slot(&b, kind, v, MOCHI_FMT_TOP);
    mochi_buf_putc(&b, '\n');
    mochi_out_write(b.p, b.n);
    mochi_buf_free(&b);
}

/* ---- byte buffers ---- */

void mochi_buf_init(MochiBuf *b) {
    b->p = NULL;
    b->n = 0;
    b->cap = 0;
}

static void buf_grow(MochiBuf *b, size_t extra) {
    if (b->n + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->n + extra) cap *= 2;
    b->p = (char *)mochi_xrealloc(b->p, cap);
    b->cap = cap;
}

void mochi_buf_put(MochiBuf *b, const char *s, size_t n) {
    if (!n) return;
    buf_grow(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

void mochi_buf_putc(MochiBuf *b, char c) {
    buf_grow(b, 1);
    b->p[b->n++] = c;
}

void mochi_buf_puts(MochiBuf *b, const char *s) {
    mochi_buf_put(b, s, strlen(s));
}

void mochi_buf_free(MochiBuf *b) {
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

mochi_ref mochi_buf_to_str(MochiBuf *b) {
    mochi_ref s = mochi_str_new(b->p ? b->p : "", (int64_t)b->n);
    mochi_buf_free(b);
    return s;
}
