package attach

// Error says a probe could not be attached: its attach point could not be
// opened (no such tracepoint, a perf event the kernel refused, ...) or the
// program could not be bound to it. Its text is one line that starts with
// "attaching <probe>: ".
type Error struct {
	Probe string // the attach point's name, as the program spells it
	Err   error  // why, as the kernel or the provider said
}

func (e *Error) Error() string { return "attaching " + e.Probe + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }
