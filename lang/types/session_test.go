package types_test

import (
	"strings"
	"testing"

	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/parser"
	"github.com/bpfscript/bpfscript/lang/types"
)

// TestSessionMaps checks a program against the maps of a session it joins:
// it may read, print and update them as they are, but a use that would
// change a map's key or value type is an error at that use.
func TestSessionMaps(t *testing.T) {
	session := map[string]*types.Map{
		"@count": {Name: "@count", Key: types.NewString(16), Value: &types.Type{Kind: types.Count, Size: 8}},
		"@x":     {Name: "@x", Value: types.Int64},
	}
	tests := []struct {
		src  string
		want string // the error, or "" for none
	}{
		{`BEGIN { @count[comm] = count(); }`, ""},
		{`BEGIN { @count["short"] = count(); }`, ""},
		{`BEGIN { print(@count); clear(@count); $n = @count["a"]; }`, ""},
		{`BEGIN { @x = 5; @x++; @y = @x + 1; }`, ""},
		{`BEGIN { @count[comm, 1] = count(); }`,
			"test.bt:1:16: error: map @count: key type (string[16],int64) does not match string[16] of first use in an earlier program"},
		{`BEGIN { @count["a string longer than sixteen"] = count(); }`,
			"test.bt:1:16: error: map @count: key type string[29] does not match string[16] of first use in an earlier program"},
		{`BEGIN { @count[comm] = sum(1); }`,
			"test.bt:1:24: error: map @count: value type sum_t does not match count_t of first use in an earlier program"},
		{`BEGIN { @x = "a"; }`,
			"test.bt:1:14: error: map @x: value type string[2] does not match int64 of first use in an earlier program"},
		{`BEGIN { @x[1] = 1; }`,
			"test.bt:1:9: error: map @x is used with keys here but without keys in an earlier program"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			prog, err := parser.Parse("test.bt", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			info, err := types.Check(prog, &types.Config{Maps: session})
			got := ""
			if err != nil {
				got = strings.TrimSpace(diag.Render(err, tt.src))
				got, _, _ = strings.Cut(got, "\n")
			}
			if got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			if err == nil {
				for name, m := range session {
					if !types.Identical(info.Maps[name].Key, m.Key) || !types.Identical(info.Maps[name].Value, m.Value) {
						t.Errorf("map %s changed type: %s -> %s", name, m.Value, info.Maps[name].Value)
					}
				}
			}
		})
	}
	if session["@count"].Key.Size != 16 {
		t.Errorf("the session's map was modified")
	}
}

// TestSessionWidensStrings: in a session, strings stored in maps take the
// whole str() size, so that later programs may store longer ones; alone,
// a map's strings are as long as the longest stored.
func TestSessionWidensStrings(t *testing.T) {
	src := `BEGIN { @last = "abc"; @k["x", 1] = 1; $local = "abc"; }`
	prog, err := parser.Parse("test.bt", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		session     bool
		last, k, lv string
	}{
		{false, "string[4]", "(string[2],int64)", "string[4]"},
		{true, "string[1024]", "(string[1024],int64)", "string[4]"},
	} {
		info, err := types.Check(prog, &types.Config{Session: tt.session})
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Maps["@last"].Value.String(); got != tt.last {
			t.Errorf("session %t: @last holds %s, want %s", tt.session, got, tt.last)
		}
		if got := info.Maps["@k"].Key.String(); got != tt.k {
			t.Errorf("session %t: @k keys are %s, want %s", tt.session, got, tt.k)
		}
		for v, vt := range info.Vars {
			if v.Name == "$local" && vt.Type.String() != tt.lv {
				t.Errorf("session %t: $local is %s, want %s", tt.session, vt.Type, tt.lv)
			}
		}
	}
}
