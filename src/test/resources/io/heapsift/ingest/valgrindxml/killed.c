#include <stdlib.h>
#include <unistd.h>
int main(void) {
    char *a = malloc(16);
    free(a);
    free(a);              /* InvalidFree */
    char *b = malloc(8);
    b[8] = 1;             /* InvalidWrite */
    sleep(30);            /* valgrind is killed here */
    return 0;
}
