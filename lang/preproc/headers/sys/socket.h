/* bpfscript built-in header: <sys/socket.h>, which bpftrace's tools include
 * for AF_INET and AF_INET6 when the kernel has BTF. */
#include <linux/socket.h>
