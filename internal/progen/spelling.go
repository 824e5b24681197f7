package progen

import "fmt"

// Spellings: the same program written another way, chosen with the gen's
// spell source rather than r, so that adding them changed no seed's
// program. Constants the language needs (unroll counts, static_assert
// conditions, the parameters of hist, lhist and tseries) are sometimes
// written as arithmetic of the same value, which the checker folds; a for
// loop's parentheses are sometimes left out.

func (g *gen) spellChance(p float64) bool { return g.spell.Float64() < p }

func (g *gen) spellPick(options ...string) string { return options[g.spell.IntN(len(options))] }

// unrollCount spells an unroll count (one of unrollStmt's literals): as it
// is, as arithmetic, or as a macro of the preprocessor plus one.
func (g *gen) unrollCount(lit string) string {
	if !g.spellChance(0.4) {
		return lit
	}
	var n int64
	fmt.Sscan(lit, &n)
	if lit == "0x2" {
		n = 2
	}
	for _, m := range g.macros {
		if m.t.k == kInt && m.params < 0 && m.known && m.value == n-1 && g.spellChance(0.5) {
			return m.name + " + 1"
		}
	}
	switch n {
	case 1:
		return g.spellPick("2 - 1", "default_str_length / default_str_length", "!0")
	case 2:
		return g.spellPick("1 + 1", "(1 << 1)", "2 > 1 ? 2 : 3", "default_str_length / default_str_length + 1")
	case 3:
		return g.spellPick("9 / 3", "7 % 4", "-1 + 4")
	case 4:
		return g.spellPick("2 * 2", "(8 >> 1)", "(0xf & 4)")
	}
	return lit
}

// assertCond spells a static_assert condition that holds: as it is, or as
// another that holds, of arithmetic or of the config values.
func (g *gen) assertCond(cond string) string {
	if !g.spellChance(0.5) {
		return cond
	}
	return g.spellPick("2 * 3 == 6", "(1 << 4) - 1 == 15", "-7 / 2 == -3", "-7 % 2 == -1", "default_str_length >= 1",
		"config.max_strlen == default_str_length", "config.max_map_keys > 0 && config.print_maps_on_exit || 1",
		"(10 % 3 ? 5 : 6) == 5", "0xffffffffffffffff > 1")
}

// lhistMax spells lhist's max: min plus a number of steps.
func (g *gen) lhistMax(m *mapDecl) string {
	if g.spellChance(0.3) {
		return fmt.Sprintf("%s + %d * %d", intLit(m.lhMin), m.lhStep, (m.lhMax-m.lhMin)/m.lhStep)
	}
	return fmt.Sprint(m.lhMax)
}

// histBits spells hist's k.
func (g *gen) histBits(k int) string {
	if g.spellChance(0.3) {
		return fmt.Sprintf("%d - 1", k+1)
	}
	return fmt.Sprint(k)
}

// tseriesInterval spells tseries' interval: 100ms is also 2 * 50000000.
func (g *gen) tseriesInterval(iv string) string {
	if iv == "100ms" && g.spellChance(0.5) {
		return "2 * 50000000"
	}
	return iv
}

// forHeader writes a for loop's header around what goes between its
// parentheses, which may be left out.
func (g *gen) forHeader(inside string) string {
	if g.spellChance(0.3) {
		return "for " + inside
	}
	return "for (" + inside + ")"
}
