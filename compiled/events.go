package compiled

import (
	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/lang/types"
)

// EventKind says what a ring-buffer record asks user space to do.
type EventKind uint8

const (
	PrintfEvent     EventKind = iota // format Args with Format
	PrintMapEvent                    // print map Map with Top and Div
	PrintValueEvent                  // print the value of type Value
	ClearEvent                       // delete every entry of Map
	ZeroEvent                        // set every value of Map to zero
	ExitEvent                        // exit with the u64 code in the payload
	TimeEvent                        // print the current time with Format
	JoinEvent                        // print the u64 count of StrLen-byte strings that follow, joined by Sep
	SystemEvent                      // run the command Format makes of Args (system()) and print its output
	CatEvent                         // print the file whose name Format makes of Args
	LogEvent                         // print Format of Args as a Level message from Where (errorf, warnf, debugf)
)

// DefaultMaxCatBytes is how much of a file cat() prints: bpftrace's
// max_cat_bytes default.
const DefaultMaxCatBytes = 10240

// Event describes one kind of ring-buffer record. Its payload follows the
// u64 id in the record.
type Event struct {
	Kind EventKind

	Format     string             // printf/time/system/cat/log: the format as written
	Directives []printf.Directive // printf/system/cat/log: the parsed format
	Args       *types.Type        // printf/system/cat/log: a Tuple laying out the arguments
	Level      string             // log: "ERROR", "WARNING" or "DEBUG"
	Where      string             // log: the call's place in the source, "stdin:1:9-62"
	Context    string             // log: the lines after the message: the source line and its underline
	MaxBytes   int                // cat: the most bytes of the file printed
	Value      *types.Type        // print(value)
	Map        string             // print/clear/zero
	Top, Div   int64              // print(@m, top, div)
	Sep        string             // join
	Count      int                // join: the most strings a record holds
	StrLen     int                // join: size of each slot
}
