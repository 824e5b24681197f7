package value

import (
	"encoding/binary"

	"github.com/bpfscript/bpfscript/lang/types"
)

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

// SignExtend widens the low size bytes of v to 64 bits as a signed number.
func SignExtend(v uint64, size int) int64 {
	if size >= 8 || size <= 0 {
		return int64(v)
	}
	shift := uint(64 - 8*size)
	return int64(v<<shift) >> shift
}

// Truncate keeps the low size bytes of v.
func Truncate(v uint64, size int) uint64 {
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
		return uint64(SignExtend(v, t.Size))
	}
	return v
}

// cString returns b up to its first NUL, and whether there was none in a
// buffer of size bytes, which was then filled completely and may have been
// cut short. size < 0 means the length is exact (a __data_loc string).
func cString(b []byte, size int) (string, bool) {
	for i, c := range b {
		if c == 0 {
			return string(b[:i]), false
		}
	}
	return string(b), size > 0 && len(b) >= size
}
