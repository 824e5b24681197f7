package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
)

type stamp struct{ t0 time.Time; at time.Duration }

func (s *stamp) Write(p []byte) (int, error) {
	if strings.HasPrefix(string(p), "Attached") { s.at = time.Since(s.t0) }
	return len(p), nil
}

func main() {
	src, _ := os.ReadFile(os.Args[1])
	for i := 0; i < 5; i++ {
		t0 := time.Now()
		p, err := bpfscript.Compile(string(src), bpfscript.Options{})
		if err != nil { panic(err) }
		tc := time.Since(t0)
		t1 := time.Now()
		if _, err := p.Run(context.Background(), runtime.Options{Out: io.Discard, Diag: io.Discard, DryRun: true}); err != nil { panic(err) }
		tl := time.Since(t1)
		st := &stamp{t0: time.Now()}
		ctx, cancel := context.WithCancel(context.Background())
		go func() { for st.at == 0 { time.Sleep(100 * time.Microsecond) }; cancel() }()
		t2 := time.Now()
		p.Run(ctx, runtime.Options{Out: io.Discard, Diag: st})
		fmt.Printf("compile %v  load(dry) %v  load+attach→Attached %v  total-run %v\n", tc, tl, st.at, time.Since(t2))
	}
}
