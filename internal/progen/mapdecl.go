package progen

import "fmt"

// Map declarations: `let @m = hash(N);` before or among the probes.

// mapDecls declares some of the program's maps. The kind must suit the
// value, as the checker requires: an aggregation keeps a value per CPU,
// so it takes percpuhash or percpulruhash, any other value hash or
// lruhash. Small sizes fill up, which is a warning at run time.
func (g *gen) mapDecls() {
	if !g.chance(0.25) {
		return
	}
	for _, m := range g.maps {
		if m.name == "@" || !g.chance(0.5) {
			continue
		}
		kind := g.pick("hash", "lruhash")
		if m.agg != "" {
			kind = g.pick("percpuhash", "percpulruhash")
		}
		size := g.pick("1", "2", "16", "1024", "10000", "1 << 12", "$1 * 2", "4096 / 2")
		g.out.WriteString(fmt.Sprintf("let %s = %s(%s);\n", m.name, kind, size))
	}
}
