/* bpfscript built-in header: <linux/fs.h>. Kernel types (struct file,
 * struct inode, ...) come from the kernel's BTF. */
#include <linux/limits.h>
#include <linux/fcntl.h>
