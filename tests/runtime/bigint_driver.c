/*
 * bigint_driver.c: the C half of the bigint/bigrat differential test (test only;
 * scripts/bigint-differential builds it with the runtime and compares what it
 * prints with Python's integers and fractions).
 *
 * Reads one operation per line from stdin and prints one result line per input
 * line, through the runtime's public API only. Operands are decimal integers,
 * `n/d` rationals, int64 decimals, or doubles as 16 hex digits of their bits;
 * results print the same way. An operation prefixed `!` must fail: it runs in a
 * child process and the line printed is the child's stderr and exit status, so
 * the runtime's own error path (message, flush, exit code) is what is checked.
 * `--gc` collects after every operand is made, so a value that is only reachable
 * from the C stack (as every operand and temporary of the runtime's operations is)
 * and were not found shows up as a wrong answer or a crash.
 */
#define _POSIX_C_SOURCE 200809L /* fork, pipe and waitpid under -std=c99 */
#include "mochi_runtime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(__wasi__)
#include <sys/wait.h>
#include <unistd.h>
#define HAVE_FORK 1
#else
#define HAVE_FORK 0
#endif

/* All of stdin, read before any operation runs: a child's exit() (the error
 * cases) would otherwise move the file offset it shares with this process. */
static char *read_all(FILE *f) {
    size_t cap = 1 << 16, n = 0, k;
    char *p = (char *)malloc(cap + 1);
    while ((k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) p = (char *)realloc(p, (cap *= 2) + 1);
    }
    p[n] = 0;
    return p;
}

static int gc_each;

static mochi_ref big(const char *s) {
    mochi_ref r = mochi_bigint_parse(s, (int64_t)strlen(s));
    if (gc_each) mochi_gc_collect();
    if (!r) {
        fprintf(stderr, "driver: bad bigint operand %.40s\n", s);
        exit(2);
    }
    return r;
}

static mochi_ref rat(const char *s) {
    mochi_ref r = mochi_bigrat_parse(s, (int64_t)strlen(s));
    if (gc_each) mochi_gc_collect();
    if (!r) {
        fprintf(stderr, "driver: bad bigrat operand %.40s\n", s);
        exit(2);
    }
    return r;
}

static double f64_of(const char *hex) {
    uint64_t bits = strtoull(hex, NULL, 16);
    return mochi_s2f(bits);
}

static void put_ref(mochi_ref s) {
    fwrite(mochi_str_bytes(s), 1, (size_t)mochi_str_byte_len(s), stdout);
}

static void put_big(mochi_ref b) { put_ref(mochi_bigint_to_str(b)); }
static void put_rat(mochi_ref r) { put_ref(mochi_bigrat_to_str(r)); }
static void put_f64(double d) { printf("%016llx", (unsigned long long)mochi_f2s(d)); }

/* Runs one operation; its result goes to stdout without the newline. */
static void run(char **t, int n) {
    const char *op = t[0];
#define A1 (n > 1 ? t[1] : "0")
#define A2 (n > 2 ? t[2] : "0")
    if (!strcmp(op, "add")) put_big(mochi_bigint_add(big(A1), big(A2)));
    else if (!strcmp(op, "sub")) put_big(mochi_bigint_sub(big(A1), big(A2)));
    else if (!strcmp(op, "mul")) put_big(mochi_bigint_mul(big(A1), big(A2)));
    else if (!strcmp(op, "sqr")) {
        mochi_ref a = big(A1);
        put_big(mochi_bigint_mul(a, a));
    } else if (!strcmp(op, "div")) put_big(mochi_bigint_div(big(A1), big(A2)));
    else if (!strcmp(op, "rem")) put_big(mochi_bigint_rem(big(A1), big(A2)));
    else if (!strcmp(op, "divrem")) {
        mochi_ref r = NULL;
        mochi_ref q = mochi_bigint_divrem(big(A1), big(A2), &r);
        put_big(q);
        putchar(' ');
        put_big(r);
    } else if (!strcmp(op, "neg")) put_big(mochi_bigint_neg(big(A1)));
    else if (!strcmp(op, "abs")) put_big(mochi_bigint_abs(big(A1)));
    else if (!strcmp(op, "pow")) put_big(mochi_bigint_pow(big(A1), strtoll(A2, NULL, 10)));
    else if (!strcmp(op, "gcd")) put_big(mochi_bigint_gcd(big(A1), big(A2)));
    else if (!strcmp(op, "cmp")) printf("%lld", (long long)mochi_bigint_cmp(big(A1), big(A2)));
    else if (!strcmp(op, "eq")) printf("%lld", (long long)mochi_bigint_eq(big(A1), big(A2)));
    else if (!strcmp(op, "sign")) printf("%lld", (long long)mochi_bigint_sign(big(A1)));
    else if (!strcmp(op, "fits")) printf("%lld", (long long)mochi_bigint_fits_i64(big(A1)));
    else if (!strcmp(op, "toi")) printf("%lld", (long long)mochi_bigint_to_i64(big(A1)));
    else if (!strcmp(op, "fromi")) put_big(mochi_bigint_from_i64(strtoll(A1, NULL, 10)));
    else if (!strcmp(op, "tof")) put_f64(mochi_bigint_to_f64(big(A1)));
    else if (!strcmp(op, "fromf")) put_big(mochi_bigint_from_f64(f64_of(A1)));
    else if (!strcmp(op, "parse")) put_big(mochi_bigint_from_str(mochi_str_lit(A1)));
    else if (!strcmp(op, "str")) put_ref(mochi_str_value(MOCHI_K_REF, mochi_r2s(big(A1))));
    else if (!strcmp(op, "radd")) put_rat(mochi_bigrat_add(rat(A1), rat(A2)));
    else if (!strcmp(op, "rsub")) put_rat(mochi_bigrat_sub(rat(A1), rat(A2)));
    else if (!strcmp(op, "rmul")) put_rat(mochi_bigrat_mul(rat(A1), rat(A2)));
    else if (!strcmp(op, "rdiv")) put_rat(mochi_bigrat_div(rat(A1), rat(A2)));
    else if (!strcmp(op, "rneg")) put_rat(mochi_bigrat_neg(rat(A1)));
    else if (!strcmp(op, "rabs")) put_rat(mochi_bigrat_abs(rat(A1)));
    else if (!strcmp(op, "rpow")) put_rat(mochi_bigrat_pow(rat(A1), strtoll(A2, NULL, 10)));
    else if (!strcmp(op, "rcmp")) printf("%lld", (long long)mochi_bigrat_cmp(rat(A1), rat(A2)));
    else if (!strcmp(op, "req")) printf("%lld", (long long)mochi_bigrat_eq(rat(A1), rat(A2)));
    else if (!strcmp(op, "rnew")) put_rat(mochi_bigrat_new(big(A1), big(A2)));
    else if (!strcmp(op, "rnum")) put_big(mochi_bigrat_num(rat(A1)));
    else if (!strcmp(op, "rden")) put_big(mochi_bigrat_denom(rat(A1)));
    else if (!strcmp(op, "rtof")) put_f64(mochi_bigrat_to_f64(rat(A1)));
    else if (!strcmp(op, "rfromf")) put_rat(mochi_bigrat_from_f64(f64_of(A1)));
    else if (!strcmp(op, "rtrunc")) put_big(mochi_bigrat_trunc(rat(A1)));
    else if (!strcmp(op, "rtoi")) printf("%lld", (long long)mochi_bigrat_to_i64(rat(A1)));
    else if (!strcmp(op, "rparse")) put_rat(mochi_bigrat_from_str(mochi_str_lit(A1)));
    else {
        fprintf(stderr, "driver: unknown operation %s\n", op);
        exit(2);
    }
#undef A1
#undef A2
}

/* An operation that must fail: run it in a child, print `error: ... (exit N)`. */
static void run_failing(char **t, int n) {
#if HAVE_FORK
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) {
        perror("driver: pipe");
        exit(2);
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        FILE *devnull = freopen("/dev/null", "w", stdout);
        (void)devnull;
        run(t, n);
        fflush(stdout);
        _exit(0); /* the operation did not fail */
    }
    close(fds[1]);
    char buf[512];
    size_t got = 0;
    ssize_t k;
    while ((k = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)k;
    close(fds[0]);
    buf[got] = 0;
    while (got > 0 && buf[got - 1] == '\n') buf[--got] = 0;
    int status = 0;
    waitpid(pid, &status, 0);
    printf("%s (exit %d)", buf, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
#else
    (void)t;
    (void)n;
    printf("skipped");
#endif
}

int main(int argc, char **argv) {
    mochi_rt_init(argc, argv, NULL);
    gc_each = argc > 1 && !strcmp(argv[1], "--gc");
    char *input = read_all(stdin), *line = input;
    char *tok[8];
    while (*line) {
        char *next = strchr(line, '\n');
        if (next) *next++ = 0;
        else next = line + strlen(line);
        int n = 0;
        for (char *p = strtok(line, " "); p && n < 8; p = strtok(NULL, " ")) tok[n++] = p;
        if (n > 0 && tok[0][0] == '!') {
            tok[0]++;
            run_failing(tok, n);
        } else if (n > 0) {
            run(tok, n);
        }
        putchar('\n');
        line = next;
    }
    free(input);
    fflush(stdout);
    return 0;
}
