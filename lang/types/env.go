package types

// Env is what the checker asks of the system it compiles for. The tracefs
// package implements it against the running kernel; tests use a fake.
type Env interface {
	// Tracepoints expands a tracepoint pattern, where group and event may
	// hold shell wildcards (* ? [...]), into the matching "group:event"
	// names, sorted. No match is an empty list, not an error.
	Tracepoints(group, event string) ([]string, error)

	// TracepointFormat returns the record layout of one tracepoint.
	TracepointFormat(group, event string) (*TracepointFormat, error)
}

// TracepointFormat is the parsed content of
// /sys/kernel/tracing/events/<group>/<event>/format.
type TracepointFormat struct {
	Group, Event string
	ID           int
	Fields       []FormatField // the event's own fields, common_* excluded
}

// FormatField is one `field:` line of a format file.
//
//	field:const char * filename;	offset:24;	size:8;	signed:0;
//
// gives Decl "const char * filename", Offset 24, Size 8, Signed false.
type FormatField struct {
	Decl   string
	Offset int
	Size   int
	Signed bool
}

// Config holds the settings of one check.
type Config struct {
	Env    Env
	Params []string // positional parameters $1..$N
	// StrLen is the buffer size of strings made by str() and of
	// __data_loc fields; 0 means DefaultStrLen.
	StrLen int
	// ChildPID is the pid of the command given with -c, which the cpid
	// builtin denotes; 0 when there is none (cpid is then an error).
	ChildPID int
	// Session says the program runs in a session, where later programs
	// may use its maps: strings stored in maps then take the whole str()
	// size (StrLen), so that a later program's longer strings fit.
	Session bool
	// Maps are the maps of the session the program joins, by name. The
	// program may use them, but their key and value types cannot change:
	// a use that disagrees is an error.
	Maps map[string]*Map
}

// DefaultStrLen is the size of strings read by str(): bpftrace's default.
const DefaultStrLen = 64
