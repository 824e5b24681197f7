// Command embed shows how a Go program runs a bpfscript program through the
// library, without a subprocess: it opens a session, adds the program,
// reads the program's maps as Go values every second and prints their top
// entries, and closes the session when its time is up (or on Ctrl-C).
//
// By default it counts system calls by process name. Run it as root:
//
//	go run ./examples/embed
//	go run ./examples/embed -t 10s -n 3 -e 'tracepoint:sched:sched_switch { @[args.next_comm] = count(); }'
//	go run ./examples/embed stdlib/vfsstat.bt
//
// Compile errors come back as a *bpfscript.CompileError, rendered with the
// offending line and a caret. What the program prints (printf, print)
// arrives as events and is written as it comes; when the session closes,
// the end probes run and the maps are shown once more.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript"
)

// defaultScript counts system calls by process name.
const defaultScript = `tracepoint:raw_syscalls:sys_enter { @syscalls[comm] = count(); }`

func main() {
	timeout := flag.Duration("t", 5*time.Second, "how long to trace")
	interval := flag.Duration("i", time.Second, "how often to print the maps")
	top := flag.Int("n", 5, "entries of each map to print")
	program := flag.String("e", "", "the program to run (default: count system calls by process)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: embed [-t duration] [-i interval] [-n top] [-e program | file] [args...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	filename, src, params, err := source(*program, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	code, err := trace(ctx, filename, src, params, *interval, *top, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, strings.TrimSuffix(err.Error(), "\n"))
		os.Exit(1)
	}
	os.Exit(code)
}

// source picks the program: -e, else a file named by the first argument,
// else the default. The remaining arguments are the program's $1, $2, ...
func source(program string, args []string) (filename, src string, params []string, err error) {
	switch {
	case program != "":
		return "-e", program, args, nil
	case len(args) > 0:
		data, err := os.ReadFile(args[0])
		if err != nil {
			return "", "", nil, err
		}
		return args[0], string(data), args[1:], nil
	}
	return "default", defaultScript, nil, nil
}

// trace runs src in a session until ctx is done or the program calls
// exit(), printing the top entries of its maps every interval and once
// more at the end. It returns the program's exit code.
func trace(ctx context.Context, filename, src string, params []string, interval time.Duration, top int, w io.Writer) (int, error) {
	// The program's output arrives as events: printf text is written as
	// it comes, problems go to standard error, and the maps at the end
	// are printed as the periodic ones are.
	sink := bpfscript.EventSink(func(e bpfscript.Event) error {
		switch e := e.(type) {
		case *bpfscript.PrintfEvent:
			_, err := io.WriteString(w, e.Text)
			return err
		case *bpfscript.MapsEvent:
			printMaps(w, "end", e.Maps, top)
		case *bpfscript.LostEvent:
			fmt.Fprintf(os.Stderr, "lost %d events\n", e.Count)
		case *bpfscript.WarningEvent:
			fmt.Fprintln(os.Stderr, "warning:", e.Message)
		case *bpfscript.ErrorEvent:
			fmt.Fprintln(os.Stderr, "error:", e.Err)
		}
		return nil
	})
	s := bpfscript.NewSession(bpfscript.Options{Filename: filename, Params: params}, bpfscript.RunOptions{Sink: sink, Quiet: true})
	if _, err := s.Add(src); err != nil {
		s.Close()
		var ce *bpfscript.CompileError
		if errors.As(err, &ce) {
			return 1, errors.New(ce.Text) // every error, with its line and a caret
		}
		return 1, fmt.Errorf("running %s: %w", filename, err)
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for running := true; running; {
		select {
		case <-ctx.Done():
			running = false
		case <-s.Done(): // exit()
			running = false
		case now := <-tick.C:
			maps, err := s.Maps()
			if err != nil {
				s.Close()
				return 1, err
			}
			printMaps(w, now.Format("15:04:05"), maps, top)
		}
	}
	return s.Close()
}

// printMaps writes the top entries of every map that has any, largest
// first, under a heading.
func printMaps(w io.Writer, heading string, maps []*bpfscript.Map, top int) {
	fmt.Fprintf(w, "--- %s\n", heading)
	for _, m := range maps {
		if len(m.Entries) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s (%d entries)\n", m.Name, len(m.Entries))
		entries := slices.Clone(m.Top(top)) // the largest, in ascending order
		slices.Reverse(entries)
		for _, e := range entries {
			fmt.Fprintf(w, "  %-20s %s\n", show(e.Key), show(e.Value))
		}
	}
}

// show renders a key or value from its Go form.
func show(v bpfscript.Value) string {
	switch g := v.Go().(type) {
	case nil:
		return "-"
	case bpfscript.StatsValue:
		return fmt.Sprintf("count %d, average %d, total %d", g.Count, int64(g.Average), int64(g.Total))
	case *bpfscript.Histogram:
		return fmt.Sprintf("%d values in %d buckets", g.Total, len(g.Buckets()))
	default:
		return fmt.Sprint(g)
	}
}
