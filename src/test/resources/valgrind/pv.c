#include <stdlib.h>
#include <malloc.h>
#include <valgrind/valgrind.h>
int main(int argc, char **argv) {
    void *p = malloc(10);
    VALGRIND_PRINTF("hello from client %d\n", 42);
    VALGRIND_PRINTF_BACKTRACE("client backtrace %s\n", "here");
    free(p);
    if (argc > 1) { void *q = pvalloc(100); (void)q; }
    return 0;
}
