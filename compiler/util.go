package compiler

import (
	"sort"
	"strconv"
	"strings"
)

func alignUp(n, a int) int { return (n + a - 1) / a * a }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// parseIntParam parses a positional parameter the way the checker decides
// it is an integer: decimal, hex or octal, with an optional sign.
func parseIntParam(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64)
	return n, err == nil
}
