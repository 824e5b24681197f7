/* bpfscript built-in header: <linux/blk-mq.h> holds kernel types, which come from
 * the kernel's BTF; there is nothing else here. */
