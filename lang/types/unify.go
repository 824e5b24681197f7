package types

// storageType is the form a value takes when it is stored in a variable, a
// map or a tuple: integers widen to 64 bits, keeping their signedness, and
// tuples are laid out again from their stored elements.
func storageType(t *Type) *Type {
	switch t.Kind {
	case Int:
		if t.Signed {
			return Int64
		}
		return Uint64
	case Tuple:
		elems := make([]*Type, len(t.Fields))
		changed := false
		for i, f := range t.Fields {
			elems[i] = storageType(f.Type)
			changed = changed || elems[i] != f.Type
		}
		if !changed {
			return t
		}
		return NewTuple(elems)
	}
	return t
}

// unify merges the type of a stored value (old, already in storage form)
// with a newly assigned type t. It reports false when t cannot be stored
// where old is. Integers of any size and sign are converted to old; strings
// unify to the larger size; tuples unify element by element.
func unify(old, t *Type) (*Type, bool) {
	if old.Kind != t.Kind {
		return nil, false
	}
	switch old.Kind {
	case Int:
		return old, true
	case String:
		if t.Size > old.Size {
			return NewString(t.Size), true
		}
		return old, true
	case Buffer:
		if t.Len > old.Len {
			return t, true
		}
		return old, true
	case Tuple, Record:
		if len(old.Fields) != len(t.Fields) {
			return nil, false
		}
		if old.Kind == Record {
			// Records pair their fields by name, whatever the order
			// they were written in; the first order stays.
			var ok bool
			if t, ok = inOrderOf(old, t); !ok {
				break
			}
		}
		elems := make([]*Type, len(old.Fields))
		changed := false
		for i := range old.Fields {
			e, ok := unify(old.Fields[i].Type, t.Fields[i].Type)
			if !ok {
				return nil, false
			}
			elems[i] = e
			changed = changed || e != old.Fields[i].Type
		}
		if !changed {
			return old, true
		}
		if old.Kind == Record {
			names := make([]string, len(old.Fields))
			for i, f := range old.Fields {
				names[i] = f.Name
			}
			return NewRecord(names, elems), true
		}
		return NewTuple(elems), true
	}
	if old.IsAggregation() && old.LHist == t.LHist && old.HistBits == t.HistBits && old.TSeries == t.TSeries {
		// The sign of the first use wins; the values are 64-bit either way.
		return old, true
	}
	if !Identical(old, t) {
		return nil, false
	}
	return old, true
}

// readableValue is the type of reading a map whose value type is v in an
// expression, or nil when such a map cannot be read. count, sum, min, max
// and avg read as an int64, as in current bpftrace.
func readableValue(v *Type) *Type {
	if a := AggregationOf(v.Kind); a != nil {
		if a.Readable {
			return Int64
		}
		return nil
	}
	return v
}

// printable reports whether values of type t can be printed by print() or
// a %s conversion.
func printable(t *Type) bool {
	switch t.Kind {
	case Int, String, Tuple, Pointer, Array, ProbeName, Timestamp, Record, Bool, Buffer, Inet, MacAddr, Resolved:
		return true
	}
	return false
}

// arith is the result of integer arithmetic on a and b: int64 unless both
// are unsigned.
func arith(a, b *Type) *Type {
	if !a.Signed && !b.Signed {
		return Uint64
	}
	return Int64
}

// isInvalid reports whether any of ts already failed to check.
func isInvalid(ts ...*Type) bool {
	for _, t := range ts {
		if t.Kind == Invalid {
			return true
		}
	}
	return false
}
