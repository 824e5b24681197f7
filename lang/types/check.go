package types

import (
	"fmt"

	"github.com/bpfscript/bpfscript/lang/ast"
	"github.com/bpfscript/bpfscript/lang/config"
	"github.com/bpfscript/bpfscript/lang/diag"
)

// Check type-checks prog. It returns the Info it built, even when it also
// returns an error; the error, when not nil, is a diag.List of every problem
// found, sorted by position.
func Check(prog *ast.Program, conf *Config) (*Info, error) {
	if conf == nil {
		conf = &Config{}
	}
	// The first run learns map types only, so that a map read before the
	// block that writes it (in source order) is still typed; its errors are
	// dropped because the second run finds them again with better types.
	shared := newSharedFacts()
	learn := newChecker(conf, shared, nil, true)
	learn.resolveProbes(prog)
	learn.program(prog)

	c := newChecker(conf, shared, learn.maps, false)
	c.program(prog)
	c.mapDecls(prog.Decls)
	c.configTypes(prog.Config)
	c.limitAttachPoints()
	c.finish()
	c.untypedMaps()
	if list, ok := c.warnings.Err().(diag.List); ok {
		c.info.Warnings = list // sorted, each place once
	}
	return c.info, c.errs.Err()
}

// untypedMaps reports maps that ended up without a value type although no
// error was reported: a map whose only store reads the map itself
// (`@x = @x + 1`) fails to check in both runs, and the learning run marks
// it failed, which silences the "never assigned" error of the second.
func (c *checker) untypedMaps() {
	if len(c.errs) > 0 {
		return
	}
	reported := map[string]bool{}
	for _, mn := range c.mapNodes {
		st := c.maps[mn.name]
		if st == nil || st.m.Value != nil || reported[mn.name] {
			continue
		}
		reported[mn.name] = true
		c.errorf(mn.node, "map %s is used but never assigned", mn.name)
	}
}

// checker holds the state of one run over a program.
type checker struct {
	conf      *Config
	strLen    int
	learnOnly bool // see learning
	info      *Info
	errs      diag.List
	warnings  diag.List

	maps     map[string]*mapState
	mapNodes []mapNode // every map occurrence, to retype once maps are final
	shared   *sharedFacts

	// unassignedReads are reads of a declared variable before its first
	// assignment, which keep an Invalid type.
	unassignedReads map[*ast.Var]bool

	// Per probe.
	probe  *Probe
	scopes []scope // innermost last; scopes[0] is the probe-wide scope
	loops  int     // how many loops enclose the statement being checked
	// defaults are the config variables' defaults, made when the config
	// builtin is used without Config.Settings.
	defaults *config.Settings

	// dead counts the enclosing branches that a constant condition
	// never takes, where fail() is not an error.
	dead int
}

// sharedFacts holds what both runs of one Check work out alike, so that it
// is worked out once: above all the answers of Config.Env, which on a real
// system cost a stat, a directory listing or a file read each.
type sharedFacts struct {
	expansions map[string]expansion         // by "group:event" pattern
	records    map[string]*tracepointResult // by "group:event"
	argsUsed   map[*ast.Probe]bool          // see usesArgs
	cgroupIDs  map[string]cgroupIDResult    // cgroupid() by path
	resolved   map[*ast.Probe]resolution    // see resolution
}

func newSharedFacts() *sharedFacts {
	return &sharedFacts{
		expansions: map[string]expansion{},
		records:    map[string]*tracepointResult{},
		argsUsed:   map[*ast.Probe]bool{},
		cgroupIDs:  map[string]cgroupIDResult{},
		resolved:   map[*ast.Probe]resolution{},
	}
}

// scope maps variable names to variables.
type scope map[string]*Variable

func newChecker(conf *Config, shared *sharedFacts, seed map[string]*mapState, learnOnly bool) *checker {
	c := &checker{
		conf:      conf,
		strLen:    conf.StrLen,
		learnOnly: learnOnly,
		info: &Info{
			Types:  map[ast.Expr]*Type{},
			Vars:   map[*ast.Var]*Variable{},
			Maps:   map[string]*Map{},
			Params: conf.Params,
			Consts: map[ast.Expr]uint64{},
		},
		maps:            map[string]*mapState{},
		shared:          shared,
		unassignedReads: map[*ast.Var]bool{},
	}
	if c.strLen <= 0 {
		c.strLen = DefaultStrLen
	}
	for name, m := range conf.Maps {
		mc := *m
		c.maps[name] = &mapState{m: &mc, keyKnown: true, fixed: true}
		c.info.Maps[name] = c.maps[name].m
	}
	for name, st := range seed {
		c.maps[name] = st.clone()
		c.info.Maps[name] = c.maps[name].m
	}
	return c
}

// errorf records an error spanning node n.
func (c *checker) errorf(n ast.Node, format string, args ...any) {
	c.errs.Addf(n, format, args...)
}

// record sets the type of e and returns it.
func (c *checker) record(e ast.Expr, t *Type) *Type {
	if t == nil {
		t = InvalidT
	}
	c.info.Types[e] = t
	return t
}

func (c *checker) program(prog *ast.Program) {
	if prog == nil {
		return
	}
	for _, p := range prog.Probes {
		if p != nil {
			c.probeBlock(p)
		}
	}
}

func (c *checker) probeBlock(p *ast.Probe) {
	c.probe = &Probe{Node: p, Attach: c.attachPoints(p)}
	c.info.Probes = append(c.info.Probes, c.probe)
	c.scopes = []scope{{}}
	if p.Pred != nil {
		t := c.expr(p.Pred)
		if !isCondition(t) {
			c.errorf(p.Pred, "predicate must be an integer or pointer, not %s", t)
		}
	}
	if p.Body != nil {
		c.block(p.Body)
	}
	c.probe = nil
	c.scopes = nil
}

// isCondition reports whether t can be tested for truth. Invalid counts, so
// that one error does not cause another.
func isCondition(t *Type) bool {
	return t.Kind == Int || t.Kind == Pointer || t.Kind == Bool || t.Kind == Invalid
}

func (c *checker) block(b *ast.Block) {
	c.scopes = append(c.scopes, scope{})
	for _, s := range b.Stmts {
		c.stmt(s)
	}
	c.scopes = c.scopes[:len(c.scopes)-1]
}

func (c *checker) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.Block:
		if s != nil {
			c.block(s)
		}
	case *ast.ExprStmt:
		c.exprStmt(s)
	case *ast.AssignStmt:
		c.assign(s)
	case *ast.LetStmt:
		c.let(s)
	case *ast.IfStmt:
		c.ifStmt(s)
	case *ast.ReturnStmt:
		// Statements after a return are checked like any others; the
		// compiler drops them.
	case *ast.WhileStmt:
		c.whileStmt(s)
	case *ast.UnrollStmt:
		c.unrollStmt(s)
	case *ast.ForStmt:
		c.forStmt(s)
	case *ast.BreakStmt:
		c.loopControl(s, "break")
	case *ast.ContinueStmt:
		c.loopControl(s, "continue")
	}
}

func (c *checker) exprStmt(s *ast.ExprStmt) {
	if s == nil || s.X == nil {
		return
	}
	var t *Type
	switch unparen(s.X).(type) {
	case *ast.CallExpr, *ast.TernaryExpr, *ast.BlockExpr:
		t = c.stmtValue(s.X)
	default:
		// A value computed for nothing (`pid;`) is allowed, as bpftrace
		// only warns about it.
		t = c.expr(s.X)
	}
	c.discarded(s.X, t)
}

func (c *checker) ifStmt(s *ast.IfStmt) {
	if s == nil {
		return
	}
	if s.Cond != nil {
		t := c.expr(s.Cond)
		if !isCondition(t) {
			c.errorf(s.Cond, "condition must be an integer or pointer, not %s", t)
		}
	}
	taken, isConst := c.constCond(s.Cond)
	if s.Then != nil {
		c.deadIf(isConst && !taken, func() { c.block(s.Then) })
	}
	if s.Else != nil {
		c.deadIf(isConst && taken, func() { c.stmt(s.Else) })
	}
}

// ---- scratch variables ----

// lookupVar finds the variable name denotes in the current scopes.
func (c *checker) lookupVar(name string) *Variable {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if v, ok := c.scopes[i][name]; ok {
			return v
		}
	}
	return nil
}

func (c *checker) let(s *ast.LetStmt) {
	if s == nil || s.Var == nil {
		return
	}
	var valueType *Type
	if s.Value != nil {
		// The value is checked before the variable exists: `let $x = $x`
		// refers to an outer $x, which is then an error anyway.
		valueType = c.expr(s.Value)
	}
	if old := c.lookupVar(s.Var.Name); old != nil {
		c.errorf(s.Var, "variable '%s' is already declared at %s", s.Var.Name, at(old.Pos))
	}
	v := &Variable{Name: s.Var.Name, Pos: s.Var.Pos()}
	if valueType != nil {
		// An invalid value still declares the variable, as Invalid, so
		// that its uses report nothing more.
		v.Type = storageType(valueType)
	}
	if s.Type != nil {
		v.Type = c.declaredType(s, valueType)
		v.Typed = true
	}
	c.scopes[len(c.scopes)-1][s.Var.Name] = v
	c.useVar(s.Var, v)
}

// useVar records an occurrence of v.
func (c *checker) useVar(n *ast.Var, v *Variable) {
	c.info.Vars[n] = v
	if v.Type != nil {
		c.record(n, v.Type)
	} else {
		c.record(n, InvalidT)
	}
}

// readVar types a read of a scratch variable.
func (c *checker) readVar(n *ast.Var) *Type {
	v := c.lookupVar(n.Name)
	if v == nil || v.Type == nil {
		c.errorf(n, "variable '%s' used before assignment", n.Name)
		if v != nil {
			c.info.Vars[n] = v
			c.unassignedReads[n] = true
		}
		return c.record(n, InvalidT)
	}
	c.useVar(n, v)
	return v.Type
}

// assignVar gives $x the value type t: the first assignment declares it (in
// the probe-wide scope unless a let is visible), later ones must agree.
func (c *checker) assignVar(n *ast.Var, t *Type, rhs ast.Node) {
	v := c.lookupVar(n.Name)
	if v == nil {
		v = &Variable{Name: n.Name, Pos: n.Pos()}
		c.scopes[0][n.Name] = v
	}
	switch {
	case v.Type == nil || v.Type.Kind == Invalid:
		// The first assignment, or the first one that checked.
		v.Type = storageType(t)
		v.Static = t
	case v.Typed:
		c.checkTypedAssign(v, t, rhs)
	case t.Kind != Invalid:
		merged, ok := unify(v.Type, t)
		if !ok {
			c.errorf(rhs, "cannot assign %s to %s of type %s (declared at %s)", t, n.Name, v.Type, at(v.Pos))
		} else {
			v.Type = merged
			if !Identical(v.Static, t) {
				v.Static = merged
			}
		}
	}
	c.useVar(n, v)
}

// finish gives every variable and map occurrence its final type, now that
// string sizes have been unified over the whole program.
func (c *checker) finish() {
	for n, v := range c.info.Vars {
		// A read before the assignment stays invalid.
		if v.Type != nil && !c.unassignedReads[n] {
			c.info.Types[n] = v.Type
		}
	}
	for _, mn := range c.mapNodes {
		st := c.maps[mn.name]
		if st == nil || st.m.Value == nil {
			continue
		}
		switch mn.role {
		case mapRead:
			if t := readableValue(st.m.Value); t != nil {
				c.info.Types[mn.node] = t
			}
		case mapWhole:
			c.info.Types[mn.node] = st.m.Value
		}
	}
}

// at formats a position as line:col for messages that point elsewhere.
func at(p ast.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// unparen strips parentheses.
func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok || p == nil || p.X == nil {
			return e
		}
		e = p.X
	}
}

// recordParens gives every ParenExpr around an inner expression type t.
func (c *checker) recordParens(e ast.Expr, t *Type) {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok || p == nil {
			return
		}
		c.record(p, t)
		e = p.X
	}
}
