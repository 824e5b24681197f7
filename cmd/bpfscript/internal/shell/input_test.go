package shell

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		src  string
		want chunkKind
	}{
		{"", emptyChunk},
		{"  // a comment\n", emptyChunk},
		{"/* a\ncomment */\n", emptyChunk},
		{"/* open\n", incompleteChunk},
		{"tracepoint:syscalls:sys_enter_getppid { @ = count(); }\n", programChunk},
		{"tracepoint:syscalls:sys_enter_getppid\n", incompleteChunk},
		{"tracepoint:syscalls:sys_enter_getppid\n{\n", incompleteChunk},
		{"tracepoint:syscalls:sys_enter_getppid\n{\n}\n", programChunk},
		{"t:syscalls:sys_enter_read, t:syscalls:sys_enter_write\n", incompleteChunk},
		{"t:syscalls:sys_enter_read , t:syscalls:sys_enter_write { }\n", programChunk},
		{"begin { printf(\"}\"); }\n", programChunk},
		{"begin { printf(\"{\"); \n", incompleteChunk},
		{"begin { // }\n", incompleteChunk},
		{"begin { /* } */ }\n", programChunk},
		{"BEGIN /1/ { }\n", programChunk},
		{"print(@m)\n", statementChunk},
		{"clear(@m)\n", statementChunk},
		{"@x = 0\n", statementChunk},
		{"$y = 1; printf(\"%d\\n\", $y)\n", statementChunk},
		{"printf(\"{\\n\")\n", statementChunk},
		{"printf(\"unterminated\n", incompleteChunk},
		{"if (@x > 1) {\n", incompleteChunk},
		{"if (@x > 1) {\n print(@x)\n}\n", statementChunk},
		{"// lead\nbegin { }\n", programChunk},
	}
	for _, tt := range tests {
		if got := classify(tt.src); got != tt.want {
			t.Errorf("classify(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}
