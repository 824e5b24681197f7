package ast

// Import is `import "path";` at the top of a program: another script (or
// a directory of them) whose probes join the program. Path is the string
// as written, resolved against the directory of the file that holds the
// import; PathSpan is where the string is, for errors about the path.
type Import struct {
	Span
	Path     string
	PathSpan Span
}
