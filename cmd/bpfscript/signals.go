package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// stopOnSignals returns a context cancelled by the first SIGINT or
// SIGTERM: the run then stops its probes, prints its maps and exits. A
// second one ends the process at once, whatever the run is doing (printing
// a huge map to a slow terminal, draining a storm of events): beforeExit
// runs (it detaches the probes, all at once), and the process dies of the
// signal, as a shell expects of an interrupted command. Dying is then
// quick: the run's perf events are held by its closer process
// (attach.Closer), so the kernel does not unregister them in this
// process's exit, and the programs stopped when their links were
// detached, so none runs once the shell sees the process gone.
//
// The returned function stops listening; the process's default handling
// of the signals comes back.
func stopOnSignals(beforeExit func()) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			beforeExit()
			dieOf(sig.(syscall.Signal))
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

// dieOf ends the process by sig with its default action, or, should that
// not end it (a signal ignored since the process started stays ignored),
// with the status a shell gives a command killed by sig.
func dieOf(sig syscall.Signal) {
	signal.Reset(sig)
	syscall.Kill(os.Getpid(), sig)
	time.Sleep(100 * time.Millisecond)
	os.Exit(128 + int(sig))
}
