/* bpfscript built-in header: <linux/in6.h>; IPv6 uses the protocol numbers
 * of <linux/in.h>. */
#include <linux/in.h>
