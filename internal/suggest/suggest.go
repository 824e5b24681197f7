package suggest

import "strings"

// Closest returns the candidate nearest to name and true, or "" and false
// when none is near enough to be what the user meant. Of candidates equally
// near, the one nearest in length wins (prinft is printf rather than
// print), then the first in the list, so callers order them by preference
// (or sort them, for a stable answer). A candidate equal to name is never
// suggested: the caller asks because name was not found.
func Closest(name string, candidates []string) (string, bool) {
	lname := strings.ToLower(name)
	best, bestDist, bestLen := "", 0, 0
	for _, c := range candidates {
		if c == name || c == "" {
			continue
		}
		lc := strings.ToLower(c)
		limit := maxDistance(lname, lc)
		// The lengths alone bound the distance from below: most
		// candidates of a long list are rejected without the table.
		if d := len(c) - len(name); d > limit || -d > limit {
			continue
		}
		bound := limit + 1
		if best != "" {
			bound = min(bound, bestDist+1)
		}
		d := distance(lname, lc, bound)
		if d >= bound {
			continue
		}
		lenDiff := abs(len(c) - len(name))
		if best == "" || d < bestDist || lenDiff < bestLen {
			best, bestDist, bestLen = c, d, lenDiff
		}
	}
	return best, best != ""
}

// maxDistance is how many edits candidate may be from name (both in
// lower case): one for every three characters of name past the start
// they share, at least one, and fewer than name's length, so that a one-
// or two-letter name is not "corrected" into anything. Counting past the
// shared start keeps long names with a common prefix apart:
// sys_enter_frobnicate is not sys_enter_openat.
func maxDistance(name, candidate string) int {
	shared := 0
	for shared < len(name) && shared < len(candidate) && name[shared] == candidate[shared] {
		shared++
	}
	limit := max(1, (len(name)-shared)/3)
	return min(limit, len(name)-1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
