#include <cstdlib>
int main() {
    int *a = new int[4];
    delete a;                     // Mismatched
    char *m = (char*)malloc(8);
    delete m;                     // Mismatched
    int *n = new int;
    free(n);                      // Mismatched
    return 0;
}
