package output

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// formats are the output formats by the name -f gives them: a new sink is
// one entry here.
var formats = map[string]func(out, diag io.Writer) Sink{
	"text": func(out, diag io.Writer) Sink { return NewTextSink(out, diag) },
	"json": func(out, diag io.Writer) Sink { return NewJSONSink(out, diag) },
}

// NewSink returns the sink of the output format named format: program
// output to out, messages about the run to diag.
func NewSink(format string, out, diag io.Writer) (Sink, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("invalid output format %q: use %s", format, strings.Join(Formats(), " or "))
	}
	return f(out, diag), nil
}

// Formats lists the output formats' names.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
