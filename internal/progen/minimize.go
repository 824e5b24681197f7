package progen

import "strings"

// Minimize shrinks a failing program: it removes lines, in chunks from
// half the program down to single lines, for as long as fails still
// reports the failure, and returns the smallest program found. Generated
// programs put one statement on a line, so removing a line removes a
// statement (or an if's brace, which makes the program not parse: fails
// must then report false, which it does if it checks that the program
// still compiles up to the failing stage).
func Minimize(src string, fails func(string) bool) string {
	lines := strings.SplitAfter(src, "\n")
	for chunk := len(lines) / 2; chunk >= 1; chunk /= 2 {
		for start := 0; start < len(lines); {
			end := min(start+chunk, len(lines))
			candidate := append(append([]string(nil), lines[:start]...), lines[end:]...)
			if fails(strings.Join(candidate, "")) {
				lines = candidate
				continue // the same start now holds the next lines
			}
			start = end
		}
	}
	return strings.Join(lines, "")
}
