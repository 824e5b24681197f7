package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// signals are SIGINT and SIGTERM as caught by listenForSignals.
type signals struct {
	ch    chan os.Signal
	ready chan struct{} // closed once they are caught
}

// listenForSignals starts catching SIGINT and SIGTERM, on a goroutine of
// its own: the process's first signal.Notify hands the signal mask to a
// thread the runtime starts for it and waits for that thread, up to a
// millisecond or two on a busy machine, which then overlaps with compiling,
// loading and attaching. Until then a signal ends the process as the
// default action would; nothing waits for the handlers to be in place
// before the probes are attached (see waitReady).
func listenForSignals() *signals {
	s := &signals{ch: make(chan os.Signal, 2), ready: make(chan struct{})}
	go func() {
		signal.Notify(s.ch, syscall.SIGINT, syscall.SIGTERM)
		close(s.ready)
	}()
	return s
}

// stopOnSignals returns a context cancelled by the first SIGINT or
// SIGTERM that caught catches: the run then stops its probes, prints its
// maps and exits. A second one ends the process at once, whatever the
// run is doing (printing a huge map to a slow terminal, draining a storm
// of events): beforeExit
// runs (it detaches the probes, all at once), and the process dies of the
// signal, as a shell expects of an interrupted command. Dying is then
// quick: the run's perf events are held by its closer process
// (attach.Closer), so the kernel does not unregister them in this
// process's exit, and the programs stopped when their links were
// detached, so none runs once the shell sees the process gone.
//
// A signal caught before, while the program compiled, ends the process at
// once, as the default action would have: nothing has been loaded yet.
// stopOnSignals does not wait for the handlers to be in place: see
// waitReady.
//
// The returned function stops listening; the process's default handling
// of the signals comes back.
// waitReady returns once SIGINT and SIGTERM are caught. The run calls it
// when its probes are attached, before it says so: from then on a signal
// stops the run and prints the maps. One that came before killed the
// process, and the kernel closed whatever had been loaded.
func (s *signals) waitReady() { <-s.ready }

func stopOnSignals(caught *signals, beforeExit func()) (context.Context, func()) {
	sigs := caught.ch
	select {
	case sig := <-sigs:
		dieOf(sig.(syscall.Signal))
	default:
	}
	ctx, cancel := context.WithCancel(context.Background())
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
		caught.waitReady() // a Notify still under way would outlive Stop
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
