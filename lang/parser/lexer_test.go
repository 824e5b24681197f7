package parser

import (
	"strconv"
	"strings"
	"testing"
)

var kindNames = map[tokenKind]string{
	tokEOF:                 "eof",
	tokShebang:             "shebang",
	tokProbeSpec:           "probe",
	tokPredStart:           "predStart",
	tokPredEnd:             "predEnd",
	tokIdent:               "ident",
	tokNumber:              "number",
	tokString:              "string",
	tokVar:                 "var",
	tokPosParam:            "posParam",
	tokParamCount:          "paramCount",
	tokMap:                 "map",
	tokPunct:               "punct",
	tokUnterminatedString:  "unterminatedString",
	tokUnterminatedComment: "unterminatedComment",
	tokStray:               "stray",
}

// scanAll scans src to EOF and renders the tokens as `kind(text)@start`
// separated by spaces, with text quoted Go-style without the quotes. It
// fails the test if a token's text is not src[start:end], if tokens
// overlap or are empty, or if EOF is not placed at the end of the last
// token and repeated.
func scanAll(t *testing.T, src string) string {
	t.Helper()
	s := newScanner(src)
	var out []string
	lastEnd := 0
	for range len(src) + 1 {
		tok := s.next()
		if tok.kind == tokEOF {
			if tok.start != lastEnd || tok.end != lastEnd || tok.text != "" {
				t.Errorf("EOF token %+v, want empty at %d", tok, lastEnd)
			}
			if again := s.next(); again != tok {
				t.Errorf("next after EOF = %+v, want %+v again", again, tok)
			}
			return strings.Join(append(out, "eof@"+strconv.Itoa(tok.start)), " ")
		}
		if tok.start < lastEnd || tok.end <= tok.start || tok.end > len(src) || tok.text != src[tok.start:tok.end] {
			t.Fatalf("bad token %+v after offset %d", tok, lastEnd)
		}
		lastEnd = tok.end
		text := strconv.Quote(tok.text)
		out = append(out, kindNames[tok.kind]+"("+text[1:len(text)-1]+")@"+strconv.Itoa(tok.start))
	}
	t.Fatalf("no EOF after %d tokens", len(src)+1)
	return ""
}

func TestScanner(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// White space, comments and EOF placement.
		{"empty", "", `eof@0`},
		{"only white space", " \t\r\n\f\v", `eof@0`},
		{"EOF after last token", "BEGIN  // done\n\n", `ident(BEGIN)@0 eof@5`},
		{"line comment", "a // b\nc", `ident(a)@0 ident(c)@7 eof@8`},
		{"block comment", "a /* b\n */ c", `ident(a)@0 ident(c)@11 eof@12`},
		{"block comment ends at first */", "/* a */ b */", `ident(b)@8 punct(*)@10 predStart(/)@11 eof@12`},
		{"stars before */", "/* a **/b", `ident(b)@8 eof@9`},
		{"empty block comment", "/**/a", `ident(a)@4 eof@5`},
		{"/*/ is unterminated", "/*/ a", `unterminatedComment(/*/ a)@0 eof@5`},
		{"unterminated comment", "a /* b\nc", `ident(a)@0 unterminatedComment(/* b\nc)@2 eof@8`},
		{"no-break space is stray", "\u00a0", `stray(\u00a0)@0 eof@2`},

		// Root: shebang, probe specs, predicate and body openers.
		{"shebang", "#!/usr/bin/env bpftrace\nBEGIN", `shebang(#!/usr/bin/env bpftrace)@0 ident(BEGIN)@24 eof@29`},
		{"shebang later", "BEGIN #!x", `ident(BEGIN)@0 shebang(#!x)@6 eof@9`},
		{"hash alone", "#x", `stray(#)@0 ident(x)@1 eof@2`},
		{"word without colon", "BEGIN,END", `ident(BEGIN)@0 punct(,)@5 ident(END)@6 eof@9`},
		{"probe spec", "kprobe:vfs_read", `probe(kprobe:vfs_read)@0 eof@15`},
		{"spec parts", "software:cpu-clock:100000", `probe(software:cpu-clock:100000)@0 eof@25`},
		{"empty parts", "k::f k:", `probe(k::f)@0 probe(k:)@5 eof@7`},
		{"wildcards", "kprobe:vfs_*?+.x", `probe(kprobe:vfs_*?+.x)@0 eof@16`},
		{"absolute path", "uprobe:/bin/bash:readline", `probe(uprobe:/bin/bash:readline)@0 eof@25`},
		{"relative paths", "u:./a.out:f u:../lib/x.so:g", `probe(u:./a.out:f)@0 probe(u:../lib/x.so:g)@12 eof@27`},
		{"path characters", "u:/a@#~+-*?/b:[x]", `probe(u:/a@#~+-*?/b:[x])@0 eof@17`},
		{"three dots are no path", "k:.../x", `probe(k:...)@0 predStart(/)@5 ident(x)@6 eof@7`},
		{"spec then predicate", "kprobe:f/pid == 1/",
			`probe(kprobe:f)@0 predStart(/)@8 ident(pid)@9 punct(==)@13 number(1)@16 predEnd(/)@17 eof@18`},
		{"division in a declaration's size", "hash((8) / 2) /x/",
			`ident(hash)@0 punct(()@4 punct(()@5 number(8)@6 punct())@7 punct(/)@9 number(2)@11 punct())@12 predStart(/)@14 ident(x)@15 predEnd(/)@16 eof@17`},
		{"bracket group", "t:s:sys_[a-c]*_x", `probe(t:s:sys_[a-c]*_x)@0 eof@16`},
		{"bracket group with \\v", "k:a[\v]", `probe(k:a[\v])@0 eof@6`},
		{"bracket group with space", "k:a[x y]",
			`probe(k:a)@0 punct([)@3 ident(x)@4 ident(y)@6 punct(])@7 eof@8`},
		{"bracket group with colon", "k:a[x:y]", `probe(k:a)@0 punct([)@3 probe(x:y)@4 punct(])@7 eof@8`},
		{"unclosed bracket group", "k:a[b", `probe(k:a)@0 punct([)@3 ident(b)@4 eof@5`},
		{"non-ASCII in bracket group", "k:[é]", `probe(k:[é])@0 eof@6`},
		{"non-ASCII ends spec", "k:aé", `probe(k:a)@0 stray(é)@3 eof@5`},
		{"number is no provider", "1:x", `number(1)@0 punct(:)@1 ident(x)@2 eof@3`},
		{"body", "BEGIN { }", `ident(BEGIN)@0 punct({)@6 punct(})@8 eof@9`},
		{"closing brace in root", "} k:f", `punct(})@0 probe(k:f)@2 eof@5`},
		{"paren in root opens a declaration size", "( k:f) k:f", `punct(()@0 ident(k)@2 punct(:)@3 ident(f)@4 punct())@5 probe(k:f)@7 eof@10`},

		// Pred: '/' ends it, ( and [ enter Paren.
		{"predicate", "/x/", `predStart(/)@0 ident(x)@1 predEnd(/)@2 eof@3`},
		{"division in parens", "/(a / 2) > 1/",
			`predStart(/)@0 punct(()@1 ident(a)@2 punct(/)@4 number(2)@6 punct())@7 punct(>)@9 number(1)@11 predEnd(/)@12 eof@13`},
		{"division in brackets", "/a[1/2]/",
			`predStart(/)@0 ident(a)@1 punct([)@2 number(1)@3 punct(/)@4 number(2)@5 punct(])@6 predEnd(/)@7 eof@8`},
		{"nested parens", "/((a)/b)/",
			`predStart(/)@0 punct(()@1 punct(()@2 ident(a)@3 punct())@4 punct(/)@5 ident(b)@6 punct())@7 predEnd(/)@8 eof@9`},
		{"] closes (", "/(]/", `predStart(/)@0 punct(()@1 punct(])@2 predEnd(/)@3 eof@4`},
		{"close paren in predicate", "/)/", `predStart(/)@0 punct())@1 predEnd(/)@2 eof@3`},
		{"brace in predicate opens a block expression, where / divides", "/a{/}/", `predStart(/)@0 ident(a)@1 punct({)@2 punct(/)@3 punct(})@4 predEnd(/)@5 eof@6`},
		{"/= ends predicate", "/a/=b", `predStart(/)@0 ident(a)@1 predEnd(/)@2 punct(=)@3 ident(b)@4 eof@5`},
		{"comments in predicate", "/a // c\n/* d */ /", `predStart(/)@0 ident(a)@1 predEnd(/)@16 eof@17`},
		{"no probe spec in predicate", "/k:f/", `predStart(/)@0 ident(k)@1 punct(:)@2 ident(f)@3 predEnd(/)@4 eof@5`},
		{"no shebang in predicate", "/#!/", `predStart(/)@0 stray(#)@1 punct(!)@2 predEnd(/)@3 eof@4`},

		// Body: '/' divides, braces nest.
		{"division in body", "{ a / b }", `punct({)@0 ident(a)@2 punct(/)@4 ident(b)@6 punct(})@8 eof@9`},
		{"nested braces", "{ { } / } /",
			`punct({)@0 punct({)@2 punct(})@4 punct(/)@6 punct(})@8 predStart(/)@10 eof@11`},
		{"paren in body", "{ ( } /", `punct({)@0 punct(()@2 punct(})@4 predStart(/)@6 eof@7`},
		{"divide-assign in body", "{ x /= 2 }", `punct({)@0 ident(x)@2 punct(/=)@4 number(2)@7 punct(})@9 eof@10`},
		{"no probe spec in body", "{ k:f }", `punct({)@0 ident(k)@2 punct(:)@3 ident(f)@4 punct(})@6 eof@7`},

		// Literals, variables and maps.
		{"string", `"a\"b" x`, `string(\"a\\\"b\")@0 ident(x)@7 eof@8`},
		{"escaped backslash", `"a\\"`, `string(\"a\\\\\")@0 eof@5`},
		{"unterminated string", `"abc`, `unterminatedString(\"abc)@0 eof@4`},
		{"string cut by newline", "\"ab\ncd\"", `unterminatedString(\"ab)@0 ident(cd)@4 unterminatedString(\")@6 eof@7`},
		{"backslash at end", `"ab\`, `unterminatedString(\"ab\\)@0 eof@4`},
		{"backslash before newline", "\"ab\\\nx", `unterminatedString(\"ab\\)@0 ident(x)@5 eof@6`},
		{"escaped non-ASCII", "\"\\é\"", `string(\"\\é\")@0 eof@5`},
		{"numbers swallow letters", "12ab 0x1F 1_000", `number(12ab)@0 number(0x1F)@5 number(1_000)@10 eof@15`},
		{"number then dot", "1.5", `number(1)@0 punct(.)@1 number(5)@2 eof@3`},
		{"positional parameters", "$1 $12x $#", `posParam($1)@0 posParam($12)@3 ident(x)@6 paramCount($#)@8 eof@10`},
		{"variables", "$a_1 $_", `var($a_1)@0 var($_)@5 eof@7`},
		{"dollar alone", "$ $$", `stray($)@0 stray($)@2 stray($)@3 eof@4`},
		{"maps", "@ @x1 @_", `map(@)@0 map(@x1)@2 map(@_)@6 eof@8`},
		{"map then number", "@1", `map(@)@0 number(1)@1 eof@2`},

		// Operators: longest first.
		{"three-character operators", "{<<= >>=}", `punct({)@0 punct(<<=)@1 punct(>>=)@5 punct(})@8 eof@9`},
		{"two-character operators", "{-> ++ -- += -= *= %= &= |= ^= << >> <= >= == != && ||}",
			`punct({)@0 punct(->)@1 punct(++)@4 punct(--)@7 punct(+=)@10 punct(-=)@13 punct(*=)@16 punct(%=)@19 ` +
				`punct(&=)@22 punct(|=)@25 punct(^=)@28 punct(<<)@31 punct(>>)@34 punct(<=)@37 punct(>=)@40 ` +
				`punct(==)@43 punct(!=)@46 punct(&&)@49 punct(||)@52 punct(})@54 eof@55`},
		{"one-character operators", "{-+*/%&|^!~<> =?:;,.}",
			`punct({)@0 punct(-)@1 punct(+)@2 punct(*)@3 punct(/)@4 punct(%)@5 punct(&)@6 punct(|)@7 punct(^)@8 ` +
				`punct(!)@9 punct(~)@10 punct(<)@11 punct(>)@12 punct(=)@14 punct(?)@15 punct(:)@16 punct(;)@17 ` +
				`punct(,)@18 punct(.)@19 punct(})@20 eof@21`},
		{"longest match first", "<<<= a-->b", `punct(<<)@0 punct(<=)@2 ident(a)@5 punct(--)@6 punct(>)@8 ident(b)@9 eof@10`},

		// Stray characters: one per rune, or per byte when not UTF-8.
		{"stray ASCII", "`'\x00", "stray(`)@0 stray(')@1 stray(\\x00)@2 eof@3"},
		{"stray rune", "é€", `stray(é)@0 stray(€)@2 eof@5`},
		{"invalid UTF-8", "\xff\xe2\x82", `stray(\xff)@0 stray(\xe2)@1 stray(\x82)@2 eof@3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scanAll(t, tt.src); got != tt.want {
				t.Errorf("scan %q:\n got %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}

// FuzzScanner checks scanAll's invariants on any input: tokens are
// non-empty, ordered slices of the source, and EOF follows the last one.
//
//	go test ./lang/parser -run '^$' -fuzz FuzzScanner -fuzztime 1m
func FuzzScanner(f *testing.F) {
	for _, tt := range []string{"kprobe:f /(a/2)/ { @x[1] = \"s\\n\"; } // c", "/* x", "\"a\\", "uprobe:/b:[a]\xff"} {
		f.Add(tt)
	}
	f.Fuzz(func(t *testing.T, src string) {
		scanAll(t, src)
	})
}
