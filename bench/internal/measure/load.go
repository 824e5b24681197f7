package measure

import (
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The loads run on threads locked and pinned to one CPU each. The threads
// are never unlocked: when the goroutine ends, the Go runtime ends the
// thread, so no pinned thread goes back into the scheduler's pool.

func pinThread(cpu int) error {
	runtime.LockOSThread()
	if err := unix.SchedSetaffinity(0, cpuSet(cpu)); err != nil {
		return fmt.Errorf("pinning to CPU %d: %w", cpu, err)
	}
	return nil
}

func cpuSet(cpu int) *unix.CPUSet {
	var s unix.CPUSet
	s.Set(cpu)
	return &s
}

func getppid() { unix.RawSyscall(unix.SYS_GETPPID, 0, 0, 0) }

// A Load makes n system calls of one kind on a thread pinned to cpu and
// returns how long they took.
type Load func(cpu, n int) (time.Duration, error)

// Getppid calls getppid(2) n times.
func Getppid(cpu, n int) (time.Duration, error) {
	return timePinned(cpu, func() {
		for i := 0; i < n; i++ {
			getppid()
		}
	})
}

// Read reads /dev/zero n times, 1, 2, 4 ... 4096 bytes in turn, so that a
// histogram of the sizes read fills thirteen buckets.
func Read(cpu, n int) (time.Duration, error) {
	fd, err := unix.Open("/dev/zero", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	return timePinned(cpu, func() {
		buf := uintptr(unsafe.Pointer(&scratch[0]))
		for i := 0; i < n; i++ {
			unix.RawSyscall(unix.SYS_READ, uintptr(fd), buf, uintptr(1)<<(i%13))
		}
	})
}

// timePinned runs work on a new thread pinned to cpu and times it.
func timePinned(cpu int, work func()) (time.Duration, error) {
	type result struct {
		d   time.Duration
		err error
	}
	done := make(chan result, 1)
	go func() {
		if err := pinThread(cpu); err != nil {
			done <- result{err: err}
			return
		}
		start := time.Now()
		work()
		done <- result{d: time.Since(start)}
	}()
	r := <-done
	return r.d, r.err
}

// GetppidFor calls getppid(2) flat out for d on one thread per CPU in cpus
// at once and returns each thread's number of calls and the tid it made
// them from.
func GetppidFor(cpus []int, d time.Duration) (calls []int, tids []int, err error) {
	calls, tids = make([]int, len(cpus)), make([]int, len(cpus))
	errs := make([]error, len(cpus))
	var ready, wg sync.WaitGroup
	start := make(chan struct{})
	ready.Add(len(cpus))
	wg.Add(len(cpus))
	for i, cpu := range cpus {
		go func() {
			defer wg.Done()
			errs[i] = pinThread(cpu)
			tids[i] = unix.Gettid()
			ready.Done()
			<-start
			if errs[i] != nil {
				return
			}
			deadline := time.Now().Add(d)
			n := 0
			// Reading the clock costs about as much as a call: look at
			// it every 256 calls.
			for {
				for range 256 {
					getppid()
				}
				n += 256
				if time.Now().After(deadline) {
					break
				}
			}
			calls[i] = n
		}()
	}
	ready.Wait()
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return calls, tids, nil
}

// CycleSyscalls names twenty cheap system calls, each with its own
// syscalls:sys_enter_* tracepoint, that Cycle makes in turn. Every one
// exists on amd64 and arm64 and changes nothing.
var CycleSyscalls = []string{
	"getppid", "getpid", "gettid", "getuid", "geteuid",
	"getgid", "getegid", "getresuid", "getresgid", "getsid",
	"getpgid", "getpriority", "sched_yield", "getcwd", "newuname",
	"getrlimit", "times", "sysinfo", "getrusage", "getcpu",
}

// scratch receives what the calls in cycleOnce write: it is larger than
// any of their structures.
var scratch [4096]byte

// cycleOnce makes each call of CycleSyscalls once, in that order.
func cycleOnce() {
	buf := uintptr(unsafe.Pointer(&scratch[0]))
	unix.RawSyscall(unix.SYS_GETPPID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETPID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETTID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETUID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETEUID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETGID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETEGID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETRESUID, buf, buf+8, buf+16)
	unix.RawSyscall(unix.SYS_GETRESGID, buf, buf+8, buf+16)
	unix.RawSyscall(unix.SYS_GETSID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETPGID, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETPRIORITY, unix.PRIO_PROCESS, 0, 0)
	unix.RawSyscall(unix.SYS_SCHED_YIELD, 0, 0, 0)
	unix.RawSyscall(unix.SYS_GETCWD, buf, uintptr(len(scratch)), 0)
	unix.RawSyscall(unix.SYS_UNAME, buf, 0, 0)
	unix.RawSyscall(unix.SYS_GETRLIMIT, unix.RLIMIT_NOFILE, buf, 0)
	unix.RawSyscall(unix.SYS_TIMES, buf, 0, 0)
	unix.RawSyscall(unix.SYS_SYSINFO, buf, 0, 0)
	unix.RawSyscall(unix.SYS_GETRUSAGE, unix.RUSAGE_SELF, buf, 0)
	unix.RawSyscall(unix.SYS_GETCPU, buf, buf+8, 0)
}

// Pause sleeps for d in one nanosleep system call on the calling thread.
// time.Sleep parks the goroutine and relies on the runtime's timers to wake
// it, which on a busy two-CPU host turned a 200 µs pause into 1.3–1.5 ms:
// the "firing" figures then measured the pause, not the tracer.
func Pause(d time.Duration) {
	ts := unix.NsecToTimespec(d.Nanoseconds())
	for unix.Nanosleep(&ts, &ts) == unix.EINTR {
	}
}

// Cycle makes the calls of CycleSyscalls in turn on a thread pinned to
// cpu, pausing every round so as not to take a CPU from the tracer being
// measured, until stop is called. stop returns the number of rounds.
func Cycle(cpu int, pause time.Duration) (stop func() int, err error) {
	quit, done := make(chan struct{}), make(chan int, 1)
	errc := make(chan error, 1)
	go func() {
		if err := pinThread(cpu); err != nil {
			errc <- err
			return
		}
		errc <- nil
		rounds := 0
		for {
			select {
			case <-quit:
				done <- rounds
				return
			default:
			}
			cycleOnce()
			rounds++
			Pause(pause)
		}
	}()
	if err := <-errc; err != nil {
		return nil, err
	}
	return func() int { close(quit); return <-done }, nil
}
