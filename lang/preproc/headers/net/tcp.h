/* bpfscript built-in header: TCP states and protocol numbers. Kernel types
 * come from the kernel's BTF. */
#include <net/sock.h>
#include <linux/tcp.h>
