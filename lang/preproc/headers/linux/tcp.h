/* bpfscript built-in header: TCP states and protocol numbers. Kernel types
 * (struct tcp_sock, ...) come from the kernel's BTF. */
#include <net/tcp_states.h>
#include <linux/in.h>
