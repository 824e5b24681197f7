/* bpfscript built-in header: <netinet/in.h>, the IP protocol numbers. */
#include <linux/in.h>
