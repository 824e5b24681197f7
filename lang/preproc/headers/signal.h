/* bpfscript built-in header: signal numbers (SIGINT, ...). */
#include <linux/signal.h>
