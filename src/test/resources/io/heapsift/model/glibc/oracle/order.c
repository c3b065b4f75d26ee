/* placement oracle: prints "label offset_from_sbrk_base" without allocating (snprintf into a static buffer + write) */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static char *base;
static char buf[256];
static void out(const char *label, void *p) {
    int n = snprintf(buf, sizeof buf, "%s %ld\n", label, p ? (long)((char *)p - base) : -1L);
    (void)!write(1, buf, n);
}
static void *threadfn(void *arg) {
    (void)arg;
    char *p = malloc(100);
    long off = (long)((unsigned long)p & ((64UL << 20) - 1));
    int n = snprintf(buf, sizeof buf, "thread_first %ld\n", off);
    (void)!write(1, buf, n);
    void *q[10];
    for (int i = 0; i < 10; i++) q[i] = malloc(2000 + 100 * i);
    for (int i = 0; i < 10; i += 2) free(q[i]);
    char *r = malloc(2100);
    n = snprintf(buf, sizeof buf, "thread_r %ld\n", (long)((unsigned long)r & ((64UL << 20) - 1)));
    (void)!write(1, buf, n);
    char *a = memalign(256, 1000);
    n = snprintf(buf, sizeof buf, "thread_memalign %ld\n", (long)((unsigned long)a & ((64UL << 20) - 1)));
    (void)!write(1, buf, n);
    return NULL;
}
int main(void) {
    base = sbrk(0);
    void *first = malloc(1);
    out("first", first);
    /* large bins: free chunks of 5000, 4600, 4600, 4800 separated by guards; then requests */
    void *g[16], *c[16];
    size_t sizes[] = {5000, 4600, 4600, 4800, 4200, 10000, 9000, 1100, 1100, 1200};
    int n = sizeof sizes / sizeof sizes[0];
    for (int i = 0; i < n; i++) { c[i] = malloc(sizes[i]); g[i] = malloc(24); }
    for (int i = 0; i < n; i++) free(c[i]);
    void *big = malloc(20000);           /* large request: sorts the unsorted chunks into bins */
    out("big", big);
    void *x1 = malloc(4500); out("x1_4500", x1);   /* best fit among 4600,4600 (second member), 4800, 5000 */
    void *x2 = malloc(4500); out("x2_4500", x2);
    void *x3 = malloc(4500); out("x3_4500", x3);
    void *x4 = malloc(100);  out("x4_100", x4);    /* small: binmap scan, remainder becomes last_remainder */
    void *x5 = malloc(100);  out("x5_100", x5);    /* tcache? no: from last_remainder */
    void *x6 = malloc(200);  out("x6_200", x6);
    void *x7 = malloc(1100); out("x7_1100", x7);
    void *x8 = malloc(8000); out("x8_8000", x8);
    void *x9 = malloc(3000); out("x9_3000", x9);
    void *m1 = memalign(1024, 3000); out("m1_memalign1024", m1);
    void *m2 = memalign(64, 50); out("m2_memalign64", m2);
    void *m3 = aligned_alloc(4096, 10000); out("m3_aligned4096", m3);
    /* fastbin + consolidation order */
    void *f[20];
    for (int i = 0; i < 20; i++) f[i] = malloc(40 + (i % 3) * 16);
    for (int i = 0; i < 20; i++) free(f[i]);
    void *y1 = malloc(2000); out("y1_2000", y1);    /* large request consolidates fastbins */
    void *y2 = malloc(40); out("y2_40", y2);
    void *y3 = malloc(56); out("y3_56", y3);
    void *y4 = malloc(72); out("y4_72", y4);
    void *y5 = calloc(1, 72); out("y5_calloc72", y5);
    void *r1 = realloc(x9, 5000); out("r1_realloc", r1);
    void *r2 = realloc(x7, 500); out("r2_realloc_shrink", r2);
    pthread_t t;
    pthread_create(&t, NULL, threadfn, NULL);
    pthread_join(t, NULL);
    void *z = malloc(300); out("z_after_thread", z);
    struct mallinfo2 mi = mallinfo2();
    int k = snprintf(buf, sizeof buf, "mallinfo %zu %zu %zu %zu %zu %zu %zu %zu %zu\n", mi.arena, mi.ordblks, mi.smblks,
                     mi.hblks, mi.hblkhd, mi.uordblks, mi.fordblks, mi.fsmblks, mi.keepcost);
    (void)!write(1, buf, k);
    return 0;
}
