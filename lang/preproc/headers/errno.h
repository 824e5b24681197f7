/* bpfscript built-in header: errno values (EPERM, ...). */
#include <linux/errno.h>
