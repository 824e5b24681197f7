package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// The test binary doubles as the load generator for end-to-end tests: run
// with BPFSCRIPT_LOADGEN set, it stops itself with SIGSTOP (the harness
// sends SIGCONT once bpfscript has attached; waiting on a pipe instead would
// add a read(2) to the load), does exactly the syscalls it is told to, and
// exits. Its pid is passed to scripts as $1.
//
//	open N PATH           open(2) and close PATH N times
//	read PATH S1,S2,...   read(2) S1 bytes, then S2, ... from PATH
//	getppid THREADS N     N getppid(2) calls on each of THREADS OS threads
//	exec PROG ARGS...     execve PROG with ARGS
//	spin DURATION         busy-loop in user space for DURATION (200ms)
const loadgenEnv = "BPFSCRIPT_LOADGEN"

func runLoadgen(spec string) {
	unix.Kill(os.Getpid(), unix.SIGSTOP)
	f := strings.Fields(spec)
	if err := loadgen(f); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
}

func loadgen(f []string) error {
	switch f[0] {
	case "open":
		n, _ := strconv.Atoi(f[1])
		for i := 0; i < n; i++ {
			fd, err := unix.Open(f[2], unix.O_RDONLY, 0)
			if err != nil {
				return err
			}
			unix.Close(fd)
		}
	case "read":
		fd, err := unix.Open(f[1], unix.O_RDONLY, 0)
		if err != nil {
			return err
		}
		buf := make([]byte, 1<<20)
		for _, s := range strings.Split(f[2], ",") {
			n, _ := strconv.Atoi(s)
			if _, err := unix.Read(fd, buf[:n]); err != nil {
				return err
			}
		}
		unix.Close(fd)
	case "getppid":
		threads, _ := strconv.Atoi(f[1])
		n, _ := strconv.Atoi(f[2])
		var wg sync.WaitGroup
		for t := 0; t < threads; t++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				for i := 0; i < n; i++ {
					unix.Getppid()
				}
			}()
		}
		wg.Wait()
	case "exec":
		return unix.Exec(f[1], f[1:], os.Environ())
	case "spin":
		d, err := time.ParseDuration(f[1])
		if err != nil {
			return err
		}
		for end := time.Now().Add(d); time.Now().Before(end); {
		}
	default:
		return fmt.Errorf("unknown load %q", f[0])
	}
	return nil
}
