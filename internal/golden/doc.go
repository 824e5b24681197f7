// Package golden holds the test helpers every stage's golden tests share:
// comparing output with a file under testdata (or rewriting it when the
// tests run with -update), and reading and writing case files, where many
// small inputs and their expected outputs live in one file:
//
//	comment lines
//	=== name
//	source lines
//	---
//	expected output
//
// It is imported by tests only.
package golden
