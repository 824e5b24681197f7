// Package suggest finds the known name nearest to a misspelled one, for the
// "did you mean" of error messages: an unknown command-line option, an
// unknown identifier or function, probe type, tracepoint or field.
//
// Nearness is the edit distance with adjacent transpositions (optimal string
// alignment), ignoring case: each insertion, deletion, substitution or swap
// of two neighbouring characters costs one. A name is only suggested when it
// is close enough that the user probably meant it: at most one edit for
// every three characters of the name typed past the start the two share
// (so that long names with a common prefix are not all near each other),
// and fewer edits than the name has characters.
package suggest
