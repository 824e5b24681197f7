package preproc

import (
	"errors"
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
)

// FuzzProcess checks that any input preprocesses without a panic or a
// hang, that the output keeps the input's lines, and that errors are
// positioned.
func FuzzProcess(f *testing.F) {
	for _, s := range []string{
		"#define F(a, b) ((a) > (b) ? (a) : (b))\nBEGIN { F(1,\n 2); }",
		"#if defined(X) || 1 << 3 == 8\n#include <linux/sched.h>\n#elif 0\n#else\n#endif\nTASK_COMM_LEN",
		"#define S(x) #x\n#define P(a, b) a ## b\nS(\"q\") P(x, y)",
		"/*\n#define A\n*/\n#ifdef A\n#endif",
		"#define V(f, ...) f(__VA_ARGS__)\nV(g, 1, 2) V(h)",
		"#include \"x.h\"\n#error x",
		// As generated programs write them (internal/progen): a macro
		// after "..", where cpp sees one number, and arguments with
		// brackets.
		"#define K 3\n#if K > 2\nfor ($i : 0..K) { }\n#elif defined(K)\n#else\n#error never\n#endif",
		"#define F(a, b) ((a) + (b))\nBEGIN { F((@m[1, 2]), (3)); F(@m[1, 2], 3); }",
		"#ifndef G\n#define G 1\n#else\nthis is skipped (\n#endif\n#include <linux/sched.h>\nstatic_assert(TASK_COMM_LEN >= G, \"x\");",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r, err := Process("s.bt", src, Options{ReadFile: headers{"x.h": "#define X 1\n"}.read})
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || !list[0].Pos.IsValid() {
				t.Fatalf("error %v is not one positioned error", err)
			}
			return
		}
		if got, want := strings.Count(r.Source, "\n"), strings.Count(src, "\n"); got != want {
			t.Fatalf("%d lines out, %d in", got+1, want+1)
		}
	})
}
