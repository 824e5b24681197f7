package parser

import (
	"testing"

	"github.com/alecthomas/participle/v2"
)

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		participle.MustBuild[program](participle.Lexer(tokenDefinition{}), participle.UseLookahead(0))
	}
}
