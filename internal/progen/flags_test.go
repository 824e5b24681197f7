package progen_test

import (
	"flag"
	"testing"
)

// numPrograms is how many programs per configuration the tests generate:
// 300 by default, fewer with -short, and as many as asked with
// -progen.n=N for a long run.
var numPrograms = flag.Int("progen.n", 300, "programs to generate per configuration")

// firstSeed is the seed of the first program: -progen.seed=N tries other
// programs than the default run's.
var firstSeed = flag.Uint64("progen.seed", 0, "seed of the first generated program")

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() && !flagSet("progen.n") {
		*numPrograms = 60
	}
	m.Run()
}

func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
