/* bpfscript built-in header: TCP states, as <net/tcp_states.h>. */
#ifndef _BPFSCRIPT_NET_TCP_STATES_H
#define _BPFSCRIPT_NET_TCP_STATES_H
#define TCP_ESTABLISHED 1
#define TCP_SYN_SENT 2
#define TCP_SYN_RECV 3
#define TCP_FIN_WAIT1 4
#define TCP_FIN_WAIT2 5
#define TCP_TIME_WAIT 6
#define TCP_CLOSE 7
#define TCP_CLOSE_WAIT 8
#define TCP_LAST_ACK 9
#define TCP_LISTEN 10
#define TCP_CLOSING 11
#define TCP_NEW_SYN_RECV 12
#define TCP_BOUND_INACTIVE 13
#define TCP_MAX_STATES 14
#endif
