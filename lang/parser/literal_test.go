package parser

import (
	"errors"
	"strconv"
	"testing"
)

func TestDecodeInt(t *testing.T) {
	for _, tc := range []struct {
		text string
		want uint64
	}{
		{"0", 0},
		{"123", 123},
		{"1_000_123_000", 1000123000},
		{"0x10", 16},
		{"0X1f", 31},
		{"0123", 83},
		{"0b101", 5},
		{"2e3", 2000},
		{"1e6", 1000000},
		{"1e0", 1},
		{"1e19", 10000000000000000000},
		{"100ns", 100},
		{"2ns", 2},
		{"1us", 1000},
		{"100ms", 100000000},
		{"5s", 5000000000},
		{"0s", 0},
		{"1m", 60000000000},
		{"1h", 3600000000000},
		{"1d", 86400000000000},
		{"123UL", 123},
		{"123U", 123},
		{"123u", 123},
		{"123LL", 123},
		{"123l", 123},
		{"123ull", 123},
		{"123LU", 123},
		{"0xffUL", 255},
		{"0u", 0},
		{"18446744073709551615", 18446744073709551615},
		{"0xffffffffffffffff", 18446744073709551615},
	} {
		got, err := decodeInt(tc.text)
		if err != nil || got != tc.want {
			t.Errorf("decodeInt(%q) = %d, %v; want %d", tc.text, got, err, tc.want)
		}
	}
}

func TestDecodeIntErrors(t *testing.T) {
	for _, tc := range []struct {
		text     string
		outRange bool
	}{
		{"1e20", true},
		{"18446744073709551616", true},
		{"300000d", true},
		{"12ab", false},
		{"1e", false},
		{"e3", false},
		{"0x", false},
		{"123UUL", false},
		{"123LUL", false},
		{"1_", false},
		{"0xfs", false},
		{"5sec", false},
		{"1__0", false},
	} {
		_, err := decodeInt(tc.text)
		if err == nil {
			t.Errorf("decodeInt(%q) succeeded", tc.text)
			continue
		}
		if got := errors.Is(err, strconv.ErrRange); got != tc.outRange {
			t.Errorf("decodeInt(%q) = %v; out of range: %v, want %v", tc.text, err, got, tc.outRange)
		}
	}
}
