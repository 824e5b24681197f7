package output

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Formatter renders values. Its fields resolve the ids a BPF program records
// in place of things it cannot print itself.
type Formatter struct {
	// ProbeNames maps the `probe` builtin's u64 id to the probe's name.
	ProbeNames []string
	// TimeFormats maps strftime()'s u64 format id to its format string.
	TimeFormats []string
	// BootTime is the wall-clock time at boot; strftime() timestamps are
	// nanoseconds since then. Timestamps print in BootTime's location.
	BootTime time.Time
}

// truncationTrailer marks a string that filled its whole buffer, so it may
// have been cut short (upstream's default str_trunc_trailer).
const truncationTrailer = ".."

// FormatValue renders one value the way print(), map keys and %s show it.
// Aggregation values may hold one slot per CPU, concatenated; they are
// merged first.
func (f *Formatter) FormatValue(t *types.Type, b []byte) string {
	var sb strings.Builder
	f.writeValue(&sb, t, b)
	return sb.String()
}

func (f *Formatter) writeValue(sb *strings.Builder, t *types.Type, b []byte) {
	if t == nil {
		return
	}
	switch t.Kind {
	case types.Int:
		sb.WriteString(intString(t, b))
	case types.String:
		sb.WriteString(cString(b, t.Size))
	case types.Pointer:
		sb.WriteString("0x" + strconv.FormatUint(readUint(b, 8), 16))
	case types.Tuple:
		sb.WriteByte('(')
		for i, fld := range t.Fields {
			if i > 0 {
				sb.WriteString(", ")
			}
			f.writeValue(sb, fld.Type, field(b, fld))
		}
		sb.WriteByte(')')
	case types.Record:
		f.writeRecord(sb, t, b)
	case types.Array:
		sb.WriteByte('[')
		size := t.Elem.Size
		for i := 0; i < t.Len; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			f.writeValue(sb, t.Elem, slice(b, i*size, size))
		}
		sb.WriteByte(']')
	case types.ProbeName:
		id := readUint(b, 8)
		if id < uint64(len(f.ProbeNames)) {
			sb.WriteString(f.ProbeNames[id])
		} else {
			fmt.Fprintf(sb, "<probe %d>", id)
		}
	case types.Timestamp:
		sb.WriteString(f.timestamp(b))
	case types.Count, types.Sum, types.Min, types.Max, types.Avg, types.Stats:
		sb.WriteString(aggregateString(t, splitSlots(t, b), 1))
	case types.Hist, types.LHist:
		// A histogram has no single-line form; print() of one goes
		// through PrintMap.
		sb.WriteString(t.String())
	}
}

// writeRecord prints a C struct as upstream does: `{ .a = 1, .b = x }`.
func (f *Formatter) writeRecord(sb *strings.Builder, t *types.Type, b []byte) {
	if len(t.Fields) == 0 {
		sb.WriteString("{}")
		return
	}
	sb.WriteString("{ ")
	for i, fld := range t.Fields {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("." + fld.Name + " = ")
		if fld.DataLoc {
			sb.WriteString(cString(dataLoc(b, fld), -1))
			continue
		}
		f.writeValue(sb, fld.Type, field(b, fld))
	}
	sb.WriteString(" }")
}

// dataLoc resolves a tracepoint __data_loc field: a u32 whose low half is
// the data's offset in the record and high half its length.
func dataLoc(b []byte, fld types.Field) []byte {
	loc := readUint(slice(b, fld.Offset, 4), 4)
	return slice(b, int(loc&0xffff), int(loc>>16))
}

// timestamp renders strftime()'s record: a u64 format id, then u64
// nanoseconds since boot.
func (f *Formatter) timestamp(b []byte) string {
	id := readUint(b, 8)
	ns := readUint(slice(b, 8, 8), 8)
	if id >= uint64(len(f.TimeFormats)) {
		return fmt.Sprintf("<strftime format %d>", id)
	}
	return FormatTime(f.TimeFormats[id], f.BootTime.Add(time.Duration(ns)))
}

// cString returns b up to its first NUL. A buffer of size bytes with no NUL
// at all was filled completely, and gets the truncation trailer; size < 0
// means the length is exact (a __data_loc string) and no trailer applies.
func cString(b []byte, size int) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	if size > 0 && len(b) >= size {
		return string(b) + truncationTrailer
	}
	return string(b)
}

// field returns the bytes of one field of a tuple or record.
func field(b []byte, fld types.Field) []byte {
	return slice(b, fld.Offset, fld.Type.Size)
}

// slice returns b[off:off+n], clipped to b, so that short or corrupt
// records decode as zeros instead of panicking.
func slice(b []byte, off, n int) []byte {
	if off < 0 || off >= len(b) || n <= 0 {
		return nil
	}
	end := off + n
	if end > len(b) {
		end = len(b)
	}
	return b[off:end]
}

// readUint decodes a little-endian unsigned integer of size bytes; missing
// bytes read as zero.
func readUint(b []byte, size int) uint64 {
	var buf [8]byte
	if size > 8 {
		size = 8
	}
	copy(buf[:size], b)
	return binary.LittleEndian.Uint64(buf[:])
}

// signExtend widens the low size bytes of v to 64 bits as a signed number.
func signExtend(v uint64, size int) int64 {
	if size >= 8 || size <= 0 {
		return int64(v)
	}
	shift := uint(64 - 8*size)
	return int64(v<<shift) >> shift
}

// truncate keeps the low size bytes of v.
func truncate(v uint64, size int) uint64 {
	if size >= 8 || size <= 0 {
		return v
	}
	return v & (1<<(8*uint(size)) - 1)
}

// intBits decodes an integer of type t into 64 bits, sign-extended when t
// is signed.
func intBits(t *types.Type, b []byte) uint64 {
	v := readUint(b, t.Size)
	if t.Signed {
		return uint64(signExtend(v, t.Size))
	}
	return v
}

func intString(t *types.Type, b []byte) string {
	v := intBits(t, b)
	if t.Signed {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatUint(v, 10)
}
