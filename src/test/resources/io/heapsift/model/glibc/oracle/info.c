/* malloc_info / malloc_stats oracle: a state with fastbins, small/large/unsorted bins, a thread arena and an
   mmapped chunk; then malloc_info(0, stderr) and malloc_stats() (both write to unbuffered stderr: no malloc). */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
static void *keep[64];
static void *threadfn(void *arg) {
    (void)arg;
    void *p[8];
    for (int i = 0; i < 8; i++) p[i] = malloc(3000);
    for (int i = 0; i < 8; i += 2) free(p[i]);
    keep[63] = malloc(100);
    return NULL;   /* exits: tcache flushed, arena on the free list */
}
int main(void) {
    void *first = malloc(1);
    (void)first;
    void *a[40];
    for (int i = 0; i < 40; i++) { a[i] = malloc(i < 20 ? 100 : 2000); keep[i] = malloc(24); }
    for (int i = 0; i < 40; i++) free(a[i]);      /* 7 tcache + 13 fastbin (100) ; 2000-byte ones unsorted */
    void *l = malloc(5000);                        /* large request: consolidates, sorts unsorted into bins */
    free(l);                                       /* back to unsorted (or top) */
    void *mm = malloc(500000);                     /* mmapped */
    (void)mm;
    void *s[8];
    for (int i = 0; i < 8; i++) { s[i] = malloc(56); keep[40 + i] = malloc(24); }
    for (int i = 0; i < 8; i++) free(s[i]);        /* 7 tcache + 1 fastbin */
    pthread_t t;
    pthread_create(&t, NULL, threadfn, NULL);
    pthread_join(t, NULL);
    struct mallinfo2 mi = mallinfo2();
    char buf[256];
    int n = 0;
    unsigned long v[] = {mi.arena, mi.ordblks, mi.smblks, mi.hblks, mi.hblkhd, mi.uordblks, mi.fordblks, mi.fsmblks, mi.keepcost};
    for (int i = 0; i < 9; i++) {
        char tmp[24]; int k = 0; unsigned long x = v[i];
        do { tmp[k++] = '0' + x % 10; x /= 10; } while (x);
        while (k) buf[n++] = tmp[--k];
        buf[n++] = i == 8 ? '\n' : ' ';
    }
    (void)!write(2, buf, n);
    malloc_info(0, stderr);
    malloc_stats();
    struct mallinfo2 mj = mallinfo2();
    if (mj.uordblks != mi.uordblks || mj.arena != mi.arena) (void)!write(2, "REPORTS ALLOCATED\n", 18);
    return 0;
}
