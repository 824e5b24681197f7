package attach

import (
	"errors"
	"fmt"
	"sync"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/tracefs"
)

// Link is an attachment. Detach stops the program from running, quickly;
// Close releases everything, which for a perf event means unregistering it
// from its tracepoint and waiting out RCU grace periods (tens of
// milliseconds each). Splitting the two lets a run stop its probes, print
// its results and only then pay for the teardown (or hand it to a Closer).
// Both may be called more than once, and from several goroutines at once.
type Link interface {
	Detach() error
	Close() error
}

// systemTracefs gives tracepoint ids; it mounts tracefs on first use only.
var systemTracefs = tracefs.New()

// provider is how the programs of one probe kind are loaded and attached,
// in the style of cilium/ebpf's link package: one file per kind
// (tracepoint.go, profile.go, ...) registers it. types.Provider is the
// checker's side of the same kind.
type provider struct {
	// programType and attachType are the BPF program type and expected
	// attach type (ebpf.AttachNone when there is none) of its programs.
	programType ebpf.ProgramType
	attachType  ebpf.AttachType
	// open opens the perf events of an attach point, which run nothing
	// until a program is attached to them; nil for kinds that are not
	// attached but run once with RunOnce.
	open func(ap *types.AttachPoint) ([]int, error)
	// name names an attach point that has no Name, in messages; nil for
	// the kind's name.
	name func(ap *types.AttachPoint) string
}

var providers = map[types.ProbeKind]*provider{}

// register adds the attach provider of a probe kind.
func register(k types.ProbeKind, p *provider) {
	if providers[k] != nil {
		panic(fmt.Sprintf("attach: two providers for probe kind %s", k))
	}
	providers[k] = p
}

// ProgramType says which BPF program type, and which expected attach type
// (ebpf.AttachNone when there is none), the compiler must emit for a probe
// kind; ebpf.UnspecifiedProgram for a kind no provider handles.
func ProgramType(k types.ProbeKind) (ebpf.ProgramType, ebpf.AttachType) {
	p := providers[k]
	if p == nil {
		return ebpf.UnspecifiedProgram, ebpf.AttachNone
	}
	return p.programType, p.attachType
}

// Attach attaches a loaded program to one attach point and returns what
// detaches it: Open followed by Event.Attach. Begin and end points are not
// attached: run them with RunOnce. Errors are one line and start with
// "attaching <name>: ".
func Attach(prog *ebpf.Program, ap *types.AttachPoint) (Link, error) {
	if prog == nil || ap == nil {
		return nil, errors.New("attach: nil program or attach point")
	}
	// Refuse a mismatched program before opening anything.
	if err := checkProgram(prog, ap); err != nil {
		return nil, &Error{Probe: pointName(ap), Err: err}
	}
	ev, err := Open(ap)
	if err != nil {
		return nil, err
	}
	return ev.Attach(prog, 0)
}

// Event is the kernel side of one attach point, opened but running no
// program yet. Opening is the slow half of attaching (tens of microseconds
// per tracepoint, serialised in the kernel) and needs no program, so a run
// opens its events while the verifier is still checking its programs.
// An Event owns its perf events until Attach hands them to a Link or Close
// releases them.
type Event struct {
	ap  *types.AttachPoint
	fds []int
}

// Open opens the perf events of an attach point: one tracepoint event, one
// cpu-clock event per online CPU for profile, or one for interval. The
// events count from now but run nothing until Attach. Errors are one line
// and start with "attaching <name>: ".
func Open(ap *types.AttachPoint) (*Event, error) {
	if ap == nil {
		return nil, errors.New("attach: nil attach point")
	}
	fds, err := openEvents(ap)
	if err != nil {
		return nil, &Error{Probe: pointName(ap), Err: err}
	}
	return &Event{ap: ap, fds: fds}, nil
}

func openEvents(ap *types.AttachPoint) ([]int, error) {
	p := providers[ap.Kind]
	switch {
	case p == nil:
		return nil, fmt.Errorf("unknown probe kind %d", ap.Kind)
	case p.open == nil:
		return nil, fmt.Errorf("%s probes are not attached but run once with RunOnce", ap.Kind)
	}
	return p.open(ap)
}

// Attach runs prog for the event from now on, with cookie as what
// bpf_get_attach_cookie returns in it. The event's perf events pass to the
// returned Link (or are closed on failure): the Event is spent either way.
func (e *Event) Attach(prog *ebpf.Program, cookie uint64) (Link, error) {
	fds := e.fds
	e.fds = nil
	l, err := attachAll(prog, e.ap, fds, cookie)
	if err != nil {
		return nil, &Error{Probe: pointName(e.ap), Err: err}
	}
	return l, nil
}

// Close releases the perf events of an Event that was never attached.
func (e *Event) Close() error {
	var errs []error
	for _, fd := range e.fds {
		errs = append(errs, unix.Close(fd))
	}
	e.fds = nil
	return errors.Join(errs...)
}

// attachAll binds prog to every perf event in fds, taking ownership of
// them all: on failure, what was attached is closed along with the rest.
func attachAll(prog *ebpf.Program, ap *types.AttachPoint, fds []int, cookie uint64) (Link, error) {
	if prog == nil {
		closeFDs(fds)
		return nil, errors.New("nil program")
	}
	if err := checkProgram(prog, ap); err != nil {
		closeFDs(fds)
		return nil, err
	}
	if len(fds) == 1 {
		return attachToPerfEvent(prog, fds[0], cookie)
	}
	var all multiLink
	for i, fd := range fds {
		l, err := attachToPerfEvent(prog, fd, cookie)
		if err != nil {
			// Detaching what was attached is best effort: the attach
			// error is what the user needs to see.
			_ = all.Close()
			closeFDs(fds[i+1:])
			return nil, err
		}
		all = append(all, l)
	}
	return all, nil
}

func closeFDs(fds []int) {
	for _, fd := range fds {
		_ = unix.Close(fd)
	}
}

// checkProgram refuses a program of the wrong type for the attach point.
func checkProgram(prog *ebpf.Program, ap *types.AttachPoint) error {
	if !ap.Kind.Attached() {
		return fmt.Errorf("%s probes are not attached but run once with RunOnce", ap.Kind)
	}
	if want, _ := ProgramType(ap.Kind); prog.Type() != want {
		return fmt.Errorf("a %s program cannot run for a %s probe, which needs a %s program", prog.Type(), ap.Kind, want)
	}
	return nil
}

// pointName names an attach point in messages.
func pointName(ap *types.AttachPoint) string {
	if ap.Name != "" {
		return ap.Name
	}
	if p := providers[ap.Kind]; p != nil && p.name != nil {
		return p.name(ap)
	}
	return ap.Kind.String()
}

// DetachAll detaches links concurrently and returns their errors joined.
func DetachAll(links []Link) error {
	errs := make([]error, len(links))
	var wg sync.WaitGroup
	for i, l := range links {
		if l == nil {
			continue
		}
		wg.Go(func() { errs[i] = l.Detach() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// CloseAll closes links concurrently and returns their errors joined.
// Tearing down a tracepoint's perf event waits for RCU grace periods in the
// kernel (tens of milliseconds each); closing in parallel lets those waits
// overlap, roughly halving the time to detach a script with many probes.
func CloseAll(links []Link) error {
	errs := make([]error, len(links))
	var wg sync.WaitGroup
	for i, l := range links {
		if l == nil {
			continue
		}
		wg.Go(func() { errs[i] = l.Close() })
	}
	wg.Wait()
	return errors.Join(errs...)
}
