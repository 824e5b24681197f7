package value

import (
	"fmt"
	"time"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Decoder decodes bytes of a known type. Its fields resolve the ids a BPF
// program records in place of things it cannot hold itself.
type Decoder struct {
	// ProbeNames maps the `probe` builtin's u64 id to the probe's name.
	ProbeNames []string
	// TimeFormats maps strftime()'s u64 format id to its format string.
	TimeFormats []string
	// BootTime is the wall-clock time at boot; strftime() timestamps are
	// nanoseconds since then, and are rendered in BootTime's location.
	BootTime time.Time
	// FormatTime renders a strftime() timestamp; the output package
	// provides it (C strftime with bpftrace's %f).
	FormatTime func(format string, t time.Time) string
	// TruncTrailer, when set, is appended to a string that filled its
	// whole buffer (str_trunc_trailer), which then decodes as not
	// Truncated; when nil, such strings are marked Truncated and text
	// output appends the default trailer.
	TruncTrailer *string
	// StrLen, when set, is the size of the buffers str() reads into. A
	// string in a buffer of that size that it fills up to its last byte,
	// the NUL, was cut there by the read (probe_read_str always ends with
	// a NUL), so it too counts as truncated, as in upstream's printf.
	StrLen int
	// Resolve turns the integer of a types.Resolved value into its text
	// (strerror, signal_name, syscall_name, username, cgroup_path); the
	// output package provides it. resolver is the type's Name.
	Resolve func(resolver string, n uint64) string
}

// Decode decodes one value of type t from b. Aggregation values may hold
// one slot per CPU, concatenated; they are merged. Short input decodes as
// zeros. A histogram has no single value (it decodes through DecodeMap)
// and decodes as Invalid.
func (d *Decoder) Decode(t *types.Type, b []byte) Value {
	if t == nil {
		return Value{}
	}
	switch t.Kind {
	case types.Int:
		return NewInt(intBits(t, b), t.Size, t.Signed)
	case types.String:
		s, trunc := cString(b, t.Size)
		trunc = trunc || (d.StrLen > 1 && t.Size == d.StrLen && len(s) == t.Size-1)
		if trunc && d.TruncTrailer != nil {
			return Value{Kind: String, Str: s + *d.TruncTrailer}
		}
		return Value{Kind: String, Str: s, Truncated: trunc}
	case types.Pointer:
		return Value{Kind: Pointer, Bits: readUint(b, 8)}
	case types.Tuple:
		v := Value{Kind: Tuple, Elems: make([]Value, len(t.Fields))}
		for i, fld := range t.Fields {
			v.Elems[i] = d.Decode(fld.Type, field(b, fld))
		}
		return v
	case types.Record:
		return d.record(t, b)
	case types.Array:
		v := Value{Kind: Array, Elems: make([]Value, t.Len)}
		size := t.Elem.Size
		for i := range v.Elems {
			v.Elems[i] = d.Decode(t.Elem, slice(b, i*size, size))
		}
		return v
	case types.ProbeName:
		id := readUint(b, 8)
		v := Value{Kind: Probe, Bits: id}
		if id < uint64(len(d.ProbeNames)) {
			v.Str = d.ProbeNames[id]
		} else {
			v.Str = fmt.Sprintf("<probe %d>", id)
		}
		return v
	case types.Timestamp:
		return d.timestamp(b)
	case types.Bool:
		v := Value{Kind: Bool}
		if len(b) > 0 && b[0] != 0 {
			v.Bits = 1
		}
		return v
	case types.Buffer:
		return decodeBuffer(t, b)
	case types.Inet:
		return Value{Kind: String, Str: InetText(b)}
	case types.MacAddr:
		return Value{Kind: String, Str: MacText(b)}
	case types.Resolved:
		n := readUint(b, 8)
		if d.Resolve == nil {
			return Value{Kind: String, Str: fmt.Sprint(n)}
		}
		return Value{Kind: String, Str: d.Resolve(t.Name, n)}
	}
	if agg := types.AggregationOf(t.Kind); agg != nil {
		return MergeAggregate(t, splitSlots(agg.SlotSize, b))
	}
	return Value{}
}

// record decodes a C struct. A tracepoint's __data_loc field is a u32
// whose low half is the data's offset in the record and high half its
// length; it decodes as the string there.
func (d *Decoder) record(t *types.Type, b []byte) Value {
	v := Value{Kind: Record, Elems: make([]Value, len(t.Fields)), Names: make([]string, len(t.Fields))}
	for i, fld := range t.Fields {
		v.Names[i] = fld.Name
		if fld.DataLoc {
			loc := readUint(slice(b, fld.Offset, 4), 4)
			s, _ := cString(slice(b, int(loc&0xffff), int(loc>>16)), -1)
			v.Elems[i] = Value{Kind: String, Str: s}
			continue
		}
		v.Elems[i] = d.Decode(fld.Type, field(b, fld))
	}
	return v
}

// timestamp decodes strftime()'s record: a u64 format id, then u64
// nanoseconds since boot.
func (d *Decoder) timestamp(b []byte) Value {
	id := readUint(b, 8)
	ns := readUint(slice(b, 8, 8), 8)
	v := Value{Kind: Timestamp, Bits: ns}
	switch {
	case id >= uint64(len(d.TimeFormats)):
		v.Str = fmt.Sprintf("<strftime format %d>", id)
	case d.FormatTime != nil:
		v.Str = d.FormatTime(d.TimeFormats[id], d.BootTime.Add(time.Duration(ns)))
	default:
		v.Str = d.BootTime.Add(time.Duration(ns)).String()
	}
	return v
}
