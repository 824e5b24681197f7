package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/metrics"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// serve runs the program and serves its maps until a signal or exit().
func serve(o *options, stdin io.Reader, stdout, stderr io.Writer) int {
	filename, src, err := o.readProgram(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "bpfscript: reading the program: %v\n", err)
		return 1
	}
	if err := attach.CheckPrivileges(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// Listening first: a taken port fails before anything is attached.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(stderr, "bpfscript: --metrics: %v\n", err)
		return 1
	}
	defer ln.Close()
	runtime.Prewarm()

	sink := output.NewTextSink(stdout, stderr)
	sess := bpfscript.NewSession(bpfscript.Options{Filename: filename, Params: o.params},
		runtime.Options{Sink: sink, Quiet: o.quiet, Verbose: o.verbose})
	prog, err := sess.Add(src)
	if err != nil {
		report(stderr, err, src)
		sess.Close()
		return 1
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewCollector(sess, o.collector),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	mux := http.NewServeMux()
	mux.Handle("/metrics", metrics.Handler(reg))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if err := notify("READY=1"); err != nil {
		fmt.Fprintf(stderr, "bpfscript: telling systemd: %v\n", err)
	}

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	code := 0
loop:
	for {
		select {
		case sig := <-sigs:
			if sig != syscall.SIGHUP {
				break loop
			}
			prog = reload(o, sess, prog, stderr)
		case <-sess.Done():
			break loop
		case err := <-served:
			fmt.Fprintf(stderr, "bpfscript: serving metrics: %v\n", err)
			code = 1
			break loop
		}
	}
	// A second SIGINT or SIGTERM ends the process at once, however long
	// the end probes and the maps take.
	signal.Stop(sigs)
	notify("STOPPING=1")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	exit, err := sess.Close()
	if err != nil {
		sink.Error(err)
		return 1
	}
	if code == 0 {
		code = exit
	}
	return code
}

// reload rereads the script's file and replaces the running program with
// it, keeping the maps whose types did not change. On errors the old
// program goes on (or, should the new one fail to load after the old one
// was detached, the old one is added again) and they are reported.
func reload(o *options, sess *bpfscript.Session, prog *bpfscript.Attachment, stderr io.Writer) *bpfscript.Attachment {
	if o.file == "" || o.file == "-" {
		fmt.Fprintln(stderr, "bpfscript: SIGHUP: the program was not read from a file; nothing to reload")
		return prog
	}
	notify(fmt.Sprintf("RELOADING=1\nMONOTONIC_USEC=%d", monotonicUsec()))
	defer notify("READY=1")
	data, err := os.ReadFile(o.file)
	if err != nil {
		fmt.Fprintf(stderr, "bpfscript: SIGHUP: %v; the old program goes on\n", err)
		return prog
	}
	next, err := sess.Replace(prog, string(data))
	if err == nil {
		fmt.Fprintf(stderr, "bpfscript: reloaded %s\n", o.file)
		return next
	}
	report(stderr, err, string(data))
	if prog == nil || !errors.Is(err, bpfscript.ErrDetached) {
		fmt.Fprintln(stderr, "bpfscript: the old program goes on")
		return prog
	}
	again, err2 := sess.Add(prog.Program.Source)
	if err2 != nil {
		fmt.Fprintf(stderr, "bpfscript: adding the old program again: %v; no program runs\n", err2)
		return nil
	}
	fmt.Fprintln(stderr, "bpfscript: the old program runs again")
	return again
}

// report prints an error of a script: positioned errors with the caret.
func report(stderr io.Writer, err error, src string) {
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprint(stderr, bpfscript.FormatError(list, src))
		return
	}
	fmt.Fprintf(stderr, "bpfscript: %v\n", err)
}
