/* bpfscript built-in header: <net/sock.h> brings the socket constants and
 * TCP states. Kernel types (struct sock, ...) come from the kernel's BTF. */
#include <linux/socket.h>
#include <net/tcp_states.h>
