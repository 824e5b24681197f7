package value

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/bpfscript/bpfscript/lang/types"
)

// Encode lays a Go value out as the bytes of type t, as a program stores
// it: the inverse of Decode, for keys and values written from Go. It takes
// a Value of a matching kind (as read from a map, so that an entry read can
// be written back or deleted), or a plain Go value:
//
//   - integers: any Go integer type, in range for t's size and sign;
//   - strings: a string shorter than t's size (it is NUL-terminated);
//   - tuples: a []any with one element per field;
//   - probe names: a probe's name the session knows, or its Value;
//   - pointers: any unsigned integer, or a uintptr.
//
// Any other combination is an error that names the type wanted.
func (d *Decoder) Encode(t *types.Type, v any) ([]byte, error) {
	b := make([]byte, t.Size)
	if err := d.encode(t, v, b); err != nil {
		return nil, err
	}
	return b, nil
}

func (d *Decoder) encode(t *types.Type, v any, b []byte) error {
	if val, ok := v.(Value); ok {
		return d.encodeValue(t, val, b)
	}
	switch t.Kind {
	case types.Int, types.Pointer:
		bits, err := intValue(t, v)
		if err != nil {
			return err
		}
		putUint(b, bits, t.Size)
		return nil
	case types.String:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("want a string for %s, got %T", t, v)
		}
		if len(s) >= t.Size {
			return fmt.Errorf("string of %d bytes does not fit %s (at most %d)", len(s), t, t.Size-1)
		}
		copy(b, s)
		return nil
	case types.Tuple:
		elems, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want a []any of %d elements for %s, got %T", len(t.Fields), t, v)
		}
		if len(elems) != len(t.Fields) {
			return fmt.Errorf("want %d elements for %s, got %d", len(t.Fields), t, len(elems))
		}
		for i, fld := range t.Fields {
			if err := d.encode(fld.Type, elems[i], b[fld.Offset:fld.Offset+fld.Type.Size]); err != nil {
				return fmt.Errorf("element %d: %w", i, err)
			}
		}
		return nil
	case types.ProbeName:
		name, ok := v.(string)
		if !ok {
			return fmt.Errorf("want a probe name for %s, got %T", t, v)
		}
		id := slices.Index(d.ProbeNames, name)
		if id < 0 {
			return fmt.Errorf("no probe %q in the session", name)
		}
		putUint(b, uint64(id), 8)
		return nil
	}
	return fmt.Errorf("values of type %s cannot be written from Go", t)
}

// encodeValue encodes a decoded Value back into type t.
func (d *Decoder) encodeValue(t *types.Type, v Value, b []byte) error {
	switch {
	case (t.Kind == types.Int || t.Kind == types.Pointer) && (v.Kind == Int || v.Kind == Pointer || v.Kind == Aggregate && !v.Agg.Averages):
		if v.Signed {
			return d.encode(t, v.Int64(), b)
		}
		return d.encode(t, v.Bits, b)
	case t.Kind == types.String && v.Kind == String:
		if v.Truncated && len(v.Str) == t.Size {
			copy(b, v.Str) // a full buffer, as read
			return nil
		}
		return d.encode(t, v.Str, b)
	case t.Kind == types.Tuple && v.Kind == Tuple:
		elems := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = e
		}
		return d.encode(t, elems, b)
	case t.Kind == types.ProbeName && v.Kind == Probe:
		putUint(b, v.Bits, 8)
		return nil
	}
	return fmt.Errorf("a %s value does not fit %s", v.Kind, t)
}

// intValue checks that a Go integer fits t and returns its bits.
func intValue(t *types.Type, v any) (uint64, error) {
	var n int64
	var u uint64
	negative := false
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n = rv.Int()
		negative = n < 0
		u = uint64(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u = rv.Uint()
	default:
		return 0, fmt.Errorf("want an integer for %s, got %T", t, v)
	}
	size := t.Size
	if t.Kind == types.Pointer {
		size = 8
	}
	bits := uint(8 * size)
	switch {
	case t.Signed && negative:
		if bits < 64 && n < -(1<<(bits-1)) {
			return 0, fmt.Errorf("%d is out of range for %s", n, t)
		}
	case t.Signed:
		if bits < 64 && u > 1<<(bits-1)-1 || bits == 64 && u > math.MaxInt64 {
			return 0, fmt.Errorf("%d is out of range for %s", u, t)
		}
	case negative:
		return 0, fmt.Errorf("%d is out of range for %s, which is unsigned", n, t)
	default:
		if bits < 64 && u > 1<<bits-1 {
			return 0, fmt.Errorf("%d is out of range for %s", u, t)
		}
	}
	return Truncate(u, size), nil
}

// putUint writes the low size bytes of v, little-endian.
func putUint(b []byte, v uint64, size int) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	copy(b[:min(size, 8)], buf[:])
}
