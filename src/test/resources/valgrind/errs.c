#include <stdlib.h>
#include <stdio.h>
#include <malloc.h>
#include <unistd.h>
#include <sys/wait.h>
int main(int argc, char **argv) {
    char *p = malloc(10);
    free(p);
    free(p);                      /* Invalid free */
    char *q = malloc(20);
    printf("usable %zu\n", malloc_usable_size(q));
    struct mallinfo mi = mallinfo();
    (void)mi;
    char *l = malloc(33);         /* leak in parent */
    (void)l;
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        char *k = malloc(44);     /* leak in child */
        k[0] = 1;
        _exit(0);
    }
    waitpid(c, NULL, 0);
    free(q);
    if (argc > 1) { int *z = 0; return *z; }  /* SIGSEGV */
    return 0;
}
