package printf

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		format string
		want   []Directive
	}{
		{"", nil},
		{"hello\n", []Directive{{Lit: "hello\n", Start: 0, End: 6}}},
		{"100%%", []Directive{{Lit: "100%", Start: 0, End: 5}}},
		{"%d", []Directive{{Lit: "%d", Verb: 'd', Start: 0, End: 2}}},
		{"pid %d comm %s\n", []Directive{
			{Lit: "pid ", Start: 0, End: 4},
			{Lit: "%d", Verb: 'd', Start: 4, End: 6},
			{Lit: " comm ", Start: 6, End: 12},
			{Lit: "%s", Verb: 's', Start: 12, End: 14},
			{Lit: "\n", Start: 14, End: 15},
		}},
		{"%-08.3lld", []Directive{{Lit: "%-08.3lld", Verb: 'd', Flags: "-0", Width: 8, HasWidth: true,
			Prec: 3, HasPrec: true, Length: "ll", Start: 0, End: 9}}},
		{"%hhx%hX", []Directive{
			{Lit: "%hhx", Verb: 'x', Length: "hh", Start: 0, End: 4},
			{Lit: "%hX", Verb: 'X', Length: "h", Start: 4, End: 7},
		}},
		{"%lu %zu %jd %td", []Directive{
			{Lit: "%lu", Verb: 'u', Length: "l", Start: 0, End: 3},
			{Lit: " ", Start: 3, End: 4},
			{Lit: "%zu", Verb: 'u', Length: "z", Start: 4, End: 7},
			{Lit: " ", Start: 7, End: 8},
			{Lit: "%jd", Verb: 'd', Length: "j", Start: 8, End: 11},
			{Lit: " ", Start: 11, End: 12},
			{Lit: "%td", Verb: 'd', Length: "t", Start: 12, End: 15},
		}},
		{"%+ #o", []Directive{{Lit: "%+ #o", Verb: 'o', Flags: "+ #", Start: 0, End: 5}}},
		{"%.s", []Directive{{Lit: "%.s", Verb: 's', HasPrec: true, Start: 0, End: 3}}},
		{"[%5s]", []Directive{
			{Lit: "[", Start: 0, End: 1},
			{Lit: "%5s", Verb: 's', Width: 5, HasWidth: true, Start: 1, End: 4},
			{Lit: "]", Start: 4, End: 5},
		}},
		{"%c%p%i", []Directive{
			{Lit: "%c", Verb: 'c', Start: 0, End: 2},
			{Lit: "%p", Verb: 'p', Start: 2, End: 4},
			{Lit: "%i", Verb: 'i', Start: 4, End: 6},
		}},
		{"%r|%rx|%-6rh%rz", []Directive{
			{Lit: "%r", Verb: 'r', Start: 0, End: 2},
			{Lit: "|", Start: 2, End: 3},
			{Lit: "%rx", Verb: 'r', Raw: 'x', Start: 3, End: 6},
			{Lit: "|", Start: 6, End: 7},
			{Lit: "%-6rh", Verb: 'r', Raw: 'h', Flags: "-", Width: 6, HasWidth: true, Start: 7, End: 12},
			{Lit: "%r", Verb: 'r', Start: 12, End: 14},
			{Lit: "z", Start: 14, End: 15},
		}},
		{"a%%b%dc", []Directive{
			{Lit: "a%b", Start: 0, End: 4},
			{Lit: "%d", Verb: 'd', Start: 4, End: 6},
			{Lit: "c", Start: 6, End: 7},
		}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.format)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.format, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.format, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		format     string
		msg        string
		start, end int
	}{
		{"%y", "%y: unknown conversion", 0, 2},
		{"x = %-5q\n", "%-5q: unknown conversion", 4, 8},
		{"abc %", "%: trailing '%' (write %% for a literal percent sign)", 4, 5},
		{"%08l", "%08l: missing conversion character at end of format", 0, 4},
		{"%*d", "%*: '*' width is not supported; write the width in the format", 0, 2},
		{"%.*d", "%.*: '*' precision is not supported; write the precision in the format", 0, 3},
		{"%--d", "%--: repeated flag '-'", 0, 3},
		{"%lls", "%lls: length modifier 'll' cannot be used with %s", 0, 4},
		{"%hc", "%hc: length modifier 'h' cannot be used with %c", 0, 3},
		{"%lrx", "%lrx: length modifier 'l' cannot be used with %r", 0, 4},
		{"%99999999d", "%99999999: width is too large", 0, 9},
		{"%.99999999d", "%.99999999: precision is too large", 0, 10},
		{"%f", "%f: unknown conversion", 0, 2},
	}
	for _, tt := range tests {
		_, err := Parse(tt.format)
		perr, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q) error = %v, want *Error", tt.format, err)
			continue
		}
		if perr.Error() != tt.msg || perr.Start != tt.start || perr.End != tt.end {
			t.Errorf("Parse(%q) error = %q [%d,%d), want %q [%d,%d)",
				tt.format, perr.Error(), perr.Start, perr.End, tt.msg, tt.start, tt.end)
		}
	}
}

func TestDirectiveClassification(t *testing.T) {
	tests := []struct {
		format string
		isInt  bool
		signed bool
		bits   int
	}{
		{"%d", true, true, 64},
		{"%i", true, true, 64},
		{"%u", true, false, 64},
		{"%lx", true, false, 64},
		{"%llX", true, false, 64},
		{"%ho", true, false, 16},
		{"%hhd", true, true, 8},
		{"%zu", true, false, 64},
		{"%c", true, false, 8},
		{"%p", true, false, 64},
		{"%s", false, false, 64},
	}
	for _, tt := range tests {
		dirs, err := Parse(tt.format)
		if err != nil || len(dirs) != 1 {
			t.Fatalf("Parse(%q) = %v, %v", tt.format, dirs, err)
		}
		d := dirs[0]
		if d.IntVerb() != tt.isInt || d.Signed() != tt.signed || (tt.isInt && d.Bits() != tt.bits) {
			t.Errorf("%q: IntVerb %v Signed %v Bits %d, want %v %v %d",
				tt.format, d.IntVerb(), d.Signed(), d.Bits(), tt.isInt, tt.signed, tt.bits)
		}
	}
}
