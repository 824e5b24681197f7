package types_test

import (
	"testing"

	"github.com/bpfscript/bpfscript/lang/types"
)

// TestConstErrors pins the errors of constant expressions where the
// language needs one, and of the config builtins.
func TestConstErrors(t *testing.T) {
	checkErrorCases(t, "testdata/errors_consts.txt", false)
}

// TestConfigTypes checks the types of the config builtins and that config's
// fields fold to their values.
func TestConfigTypes(t *testing.T) {
	src := `BEGIN { $a = config.max_strlen; $b = config.stack_mode; $c = config().cpp_demangle; $d = default_str_length; $e = default_str_length(); }`
	info, err := checkSource(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"$a": "uint64", "$b": "string[9]", "$c": "bool", "$d": "uint64", "$e": "uint64"}
	for v, typ := range info.Vars {
		if w := want[v.Name]; w != typ.Type.String() {
			t.Errorf("%s is %s, want %s", v.Name, typ.Type, w)
		}
	}
	var strs []string
	for _, s := range info.ConstStrs {
		strs = append(strs, s)
	}
	if len(strs) != 1 || strs[0] != "bpftrace" {
		t.Errorf("ConstStrs hold %q, want only the stack mode", strs)
	}
	consts := map[uint64]int{}
	for _, k := range info.Consts {
		consts[k]++
	}
	if consts[uint64(types.DefaultStrLen)] != 3 || consts[1] != 1 {
		t.Errorf("Consts: %v, want max_strlen thrice and cpp_demangle's 1", consts)
	}
	if len(info.Config) == 0 || info.Config[0].Name != "cache_user_symbols" {
		t.Errorf("Config: %v", info.Config)
	}
}
