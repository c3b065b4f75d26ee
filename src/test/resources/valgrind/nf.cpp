#include <new>
#include <cstdio>
int main() { try { char *p = new char[(size_t)1 << 62]; std::printf("%p\n", p);} catch (...) {} return 0; }
