/* bpfscript built-in header: errno values. */
#include <asm-generic/errno.h>
