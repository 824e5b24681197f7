// Package imports reads the files a program imports (`import "path";`):
// each path is resolved against the directory of the file that holds the
// import statement, a directory imports the scripts in it, imported
// scripts may import others, each file is read once, and a cycle is an
// error. The imported scripts' probes join the program ahead of the
// importer's own, so that an imported begin probe runs first, as bpftrace
// orders them.
//
// Each imported script goes through the preprocessor, as the main one
// does, when the caller passes one (Preprocess).
//
// Errors in an imported file carry its text (diag.Error.Source), so that
// they render with that file's line and caret; Sources does the same for
// errors that later stages find in imported probes.
package imports
