/* bpfscript built-in header: address families and socket types. Kernel
 * types come from the kernel's BTF. */
#ifndef _BPFSCRIPT_LINUX_SOCKET_H
#define _BPFSCRIPT_LINUX_SOCKET_H
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL 1
#define AF_INET 2
#define AF_AX25 3
#define AF_IPX 4
#define AF_APPLETALK 5
#define AF_BRIDGE 7
#define AF_INET6 10
#define AF_KEY 15
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_CAN 29
#define AF_BLUETOOTH 31
#define AF_ALG 38
#define AF_VSOCK 40
#define AF_XDP 44
#define AF_MCTP 45
#define AF_MAX 46
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define PF_NETLINK AF_NETLINK
#define PF_PACKET AF_PACKET
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOCK_PACKET 10
#define SOCK_NONBLOCK 00004000
#define SOCK_CLOEXEC 02000000
#define MSG_OOB 1
#define MSG_PEEK 2
#define MSG_DONTROUTE 4
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#endif
