/* bpfscript built-in header: system call numbers (__NR_*). */
#include <sys/syscall.h>
