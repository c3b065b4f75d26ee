#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <string.h>
int main(void) {
    char *a = malloc(100); memset(a, 1, 100);
    pid_t p = fork();
    if (p == 0) { char *c = malloc(33); c[0] = 1; usleep(100000); return 0; }
    char *b = malloc(44); b[0] = 2; usleep(50000);
    waitpid(p, NULL, 0);
    return 0;
}
