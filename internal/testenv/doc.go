// Package testenv gives tests the one shared fixture environment: the
// tracepoint formats, kernel function ids and the list of traceable kernel
// functions (available_filter_functions) under testdata/, copied from a
// real kernel, so that checks, generated code and golden files do not depend
// on the machine the tests run on.
//
// New returns a sysenv.Env over the tree; Dir returns the tree's root for
// tests of the tree readers themselves (tracefs.At). Tests that look for
// tracepoints by wildcard see every event of the tree, so adding an event
// may change what their patterns match.
package testenv
