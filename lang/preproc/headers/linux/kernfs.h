/* bpfscript built-in header: <linux/kernfs.h> holds kernel types, which come from
 * the kernel's BTF; there is nothing else here. */
