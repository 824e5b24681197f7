/* bpfscript built-in header: <net/inet_sock.h> holds kernel types, which come from
 * the kernel's BTF; there is nothing else here. */
