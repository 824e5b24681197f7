package output

import (
	"bytes"
	"testing"
)

// TestSinkCatAndLog checks where each sink writes cat()'s file and the
// program's own messages (errorf, warnf, ...): the file is program output,
// a message goes to the diagnostic stream after the output before it.
func TestSinkCatAndLog(t *testing.T) {
	emit := func(s Sink) {
		s.Printf(nil, nil, "before\n")
		s.Log("stdin:1:9-20: WARNING: careful\nBEGIN { warnf(\"careful\"); }\n        ~~~~~~~~~~~~~~~~")
		s.Cat("line one\n\"two\"\n")
		s.Flush()
	}
	var out, diag bytes.Buffer
	text := NewTextSink(&out, &diag)
	text.Printf(nil, nil, "first\n")
	text.Log("stdin:1:1-2: ERROR: x")
	// The output written before the message is out before it.
	if out.String() != "first\n" {
		t.Errorf("text output before a message was not flushed: %q", out.String())
	}
	out.Reset()
	diag.Reset()
	emit(NewTextSink(&out, &diag))
	if want := "before\nline one\n\"two\"\n"; out.String() != want {
		t.Errorf("text out %q, want %q", out.String(), want)
	}
	if want := "stdin:1:9-20: WARNING: careful\nBEGIN { warnf(\"careful\"); }\n        ~~~~~~~~~~~~~~~~\n"; diag.String() != want {
		t.Errorf("text diag %q, want %q", diag.String(), want)
	}
	out.Reset()
	diag.Reset()
	emit(NewJSONSink(&out, &diag))
	if want := `{"type": "printf", "data": "before\n"}` + "\n" + `{"type": "cat", "data": "line one\n\"two\"\n"}` + "\n"; out.String() != want {
		t.Errorf("json out %q, want %q", out.String(), want)
	}
	if want := "stdin:1:9-20: WARNING: careful\nBEGIN { warnf(\"careful\"); }\n        ~~~~~~~~~~~~~~~~\n"; diag.String() != want {
		t.Errorf("json diag %q, want %q", diag.String(), want)
	}
}
