package output

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/printf"
	"github.com/bpfscript/bpfscript/runtime/value"
)

func TestRawConversions(t *testing.T) {
	buf := value.Value{Kind: value.Buffer, Str: "ab\x01\xfe~ "}
	tests := []struct{ format, want string }{
		{"%r", `ab\x01\xfe~ `},
		{"%rx", `\x61\x62\x01\xfe\x7e\x20`},
		{"%rh", "61 62 01 fe 7e 20"},
		{"[%14r]", `[  ab\x01\xfe~ ]`},
	}
	for _, tt := range tests {
		dirs, err := printf.Parse(tt.format)
		if err != nil {
			t.Fatal(err)
		}
		got, err := FormatPrintf(dirs, []value.Value{buf})
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.format, got, err, tt.want)
		}
	}
	if got := Text(buf); got != `ab\x01\xfe~ ` {
		t.Errorf("print() of a buffer: %q", got)
	}
	if got := string(appendJSONValue(nil, buf, 1)); got != `"ab\\x01\\xfe~ "` {
		t.Errorf("JSON of a buffer: %s", got)
	}
}
