// Package testbin builds the binaries that end-to-end tests run, once per
// test process, into a temporary directory that is removed afterwards.
package testbin
