/* maxrss: runs a command and writes the peak resident set size of that command (and its
   waited-for children), in KiB, to a file. Used by bench/run and bench/memory instead of
   measuring from Python directly: a child forked from a large parent inherits the
   parent's RSS high-water mark, so the launcher must be small.
   usage: maxrss OUTFILE COMMAND [ARGS...]   (exit status: the command's) */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: maxrss OUTFILE COMMAND [ARGS...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0) { perror("maxrss: fork"); return 2; }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("maxrss: exec");
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) { perror("maxrss: wait4"); return 2; }
    FILE *f = fopen(argv[1], "w");
    if (f) { fprintf(f, "%ld\n", ru.ru_maxrss); fclose(f); }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 2;
}
