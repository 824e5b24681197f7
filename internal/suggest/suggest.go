package suggest

import "strings"

// Closest returns the candidate nearest to name and true, or "" and false
// when none is near enough to be what the user meant. Of candidates equally
// near, the first in the list wins, so callers order them by preference
// (or sort them, for a stable answer). A candidate equal to name is never
// suggested: the caller asks because name was not found.
func Closest(name string, candidates []string) (string, bool) {
	limit := maxDistance(name)
	best, bestDist := "", limit+1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		if c == name || c == "" {
			continue
		}
		// The lengths alone bound the distance from below: most
		// candidates of a long list are rejected without the table.
		if d := len(c) - len(name); d > limit || -d > limit {
			continue
		}
		if d := distance(lname, strings.ToLower(c), bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// maxDistance is how many edits a suggestion may be from name: one for
// every three characters, at least one, and fewer than the name's length,
// so that a one- or two-letter name is not "corrected" into anything.
func maxDistance(name string) int {
	n := len(name)
	limit := (n + 2) / 3
	if limit >= n {
		limit = n - 1
	}
	return limit
}

// distance is the optimal-string-alignment distance between a and b, or
// any value >= bound once it is certain to reach bound.
func distance(a, b string, bound int) int {
	// Three rows of the dynamic-programming table: two back for
	// transpositions.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
