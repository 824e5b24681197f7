package format_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/format"
)

// TestImports keeps import statements where they were relative to the
// config block, with their comments and their paths as written.
func TestImports(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"imports alone",
			`import   "a.bt" ;import "lib";`,
			"import \"a.bt\";\nimport \"lib\";\n"},
		{"either side of the config block",
			"import \"a.bt\"; // first\nconfig={max_strlen=8}\n\n\nimport \"b\\x41.bt\";\nBEGIN{}",
			"import \"a.bt\"; // first\nconfig = {\n\tmax_strlen = 8;\n}\n\nimport \"b\\x41.bt\";\nBEGIN { }\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := format.Source("", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
			checkFormatted(t, tt.src, string(out))
		})
	}
}
