/* bpfscript built-in header: <linux/skbuff.h> holds kernel types, which come from
 * the kernel's BTF; there is nothing else here. */
