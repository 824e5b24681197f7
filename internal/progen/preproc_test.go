package progen

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/preproc"
)

// TestHeaderMacros checks the generator's table of built-in headers: each
// header defines the names the table gives it.
func TestHeaderMacros(t *testing.T) {
	for _, h := range headerMacros {
		src := "#include <" + h.header + ">\n" + strings.Join(h.names, "\n") + "\n"
		r, err := preproc.Process("h.bt", src, preproc.Options{})
		if err != nil {
			t.Fatalf("%s: %v", h.header, err)
		}
		for _, name := range h.names {
			if strings.Contains(r.Source, name) {
				t.Errorf("%s does not define %s", h.header, name)
			}
		}
	}
}
