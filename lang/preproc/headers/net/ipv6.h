/* bpfscript built-in header: <net/ipv6.h> holds kernel types, which come from
 * the kernel's BTF; there is nothing else here. */
