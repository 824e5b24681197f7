// Command bpfscript-metrics runs a bpfscript program as a long-lived
// service and serves its maps as Prometheus metrics on /metrics:
//
//	bpfscript-metrics --metrics :9435 script.bt
//	bpfscript --metrics :9435 script.bt     (the same: bpfscript execs this)
//
// It is a binary of its own because the Prometheus client library costs
// about a millisecond at every process start (its package init), which
// bpfscript's one-liners should not pay; bpfscript execs it, from its own
// directory or PATH, when given --metrics.
//
// The maps become metrics as package metrics describes. Options:
//
//	--metrics ADDR                 listen on ADDR (host:port, :port)
//	--metrics-namespace NS         start metric names with NS_ (bpfscript)
//	--metrics-rename @MAP=NAME     export @MAP as NS_NAME (repeatable)
//	--metrics-drop @MAP            leave @MAP out (repeatable)
//	-e PROGRAM, FILE, -, params    as bpfscript; -q and -v too
//
// As a service: it tells systemd it is ready (sd_notify READY=1 on
// $NOTIFY_SOCKET) once the probes are attached and /metrics answers. SIGHUP
// rereads the script's file and replaces the running program
// (bpfscript.Session.Replace): maps whose key and value types did not
// change keep their contents, a map whose type changed starts empty, a map
// the script no longer uses is dropped. A script with errors is reported
// and the old one goes on. SIGINT or SIGTERM stops it: the end probes run
// and the maps are printed, as bpfscript prints them; so does exit().
package main
