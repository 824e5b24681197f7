/* bpfscript built-in header: system call numbers (__NR_*). */
#include <asm/unistd.h>
