/* binary_trees: the Benchmarks Game allocation benchmark (malloc/free). Builds a
   stretch tree of depth N+1, a long-lived tree of depth N, and 2^(N-d+4) short-lived
   trees at each depth d = 4, 6, ..., N. Prints the sum of every node count checked. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node { struct Node *left, *right; } Node;

static Node *bottom_up(long depth) {
    Node *t = malloc(sizeof *t);
    if (depth <= 0) {
        t->left = t->right = NULL;
    } else {
        t->left = bottom_up(depth - 1);
        t->right = bottom_up(depth - 1);
    }
    return t;
}

static long check(const Node *t) {
    if (!t->left) return 1;
    return 1 + check(t->left) + check(t->right);
}

static void delete_tree(Node *t) {
    if (t->left) {
        delete_tree(t->left);
        delete_tree(t->right);
    }
    free(t);
}

int main(int argc, char **argv) {
    long N = 10;
    if (argc > 1) N = atol(argv[1]);
    long min_depth = 4, max_depth = N;
    if (min_depth + 2 > max_depth) max_depth = min_depth + 2;
    Node *stretch = bottom_up(max_depth + 1);
    long total = check(stretch);
    delete_tree(stretch);
    Node *long_lived = bottom_up(max_depth);
    for (long d = min_depth; d <= max_depth; d += 2) {
        long iterations = 1;
        for (long i = 0; i < max_depth - d + min_depth; i++) iterations *= 2;
        long c = 0;
        for (long i = 0; i < iterations; i++) {
            Node *t = bottom_up(d);
            c += check(t);
            delete_tree(t);
        }
        total += c;
    }
    total += check(long_lived);
    delete_tree(long_lived);
    printf("%ld\n", total);
    return 0;
}
