/* bpfscript built-in header: system call numbers. */
#include <asm/unistd_64.h>
