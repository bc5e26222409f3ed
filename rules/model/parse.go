package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/google/shlex"
)

// Parse reads model lines (the format is described at the top of
// kernel.model).
func Parse(text, source string) (*Model, error) {
	m := newModel()
	for i, line := range strings.Split(text, "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 && !inQuotes(line[:j]) {
			line = line[:j]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := m.parseLine(line, source); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", source, i+1, err)
		}
	}
	return m, nil
}

// inQuotes says whether s leaves a double-quoted value open: a '#' after it
// is part of the value.
func inQuotes(s string) bool { return strings.Count(s, `"`)%2 == 1 }

func (m *Model) parseLine(line, source string) error {
	fields, err := shlex.Split(line)
	if err != nil {
		return fmt.Errorf("%v in %q", err, line)
	}
	if len(fields) < 2 {
		return fmt.Errorf("want NAME KIND key=value..., got %q", line)
	}
	name, kind := fields[0], Kind(fields[1])
	kv := map[string]string{}
	var order []string
	for _, f := range fields[2:] {
		k, v, _ := strings.Cut(f, "=")
		if _, dup := kv[k]; dup {
			return fmt.Errorf("%s: %s given twice", name, k)
		}
		kv[k] = v
		order = append(order, k)
	}
	switch {
	case kind == ClassKind:
		return m.parseClass(name, kv, order, source)
	case kind == FieldKind || kind == TypeKind || kind == MacroKind:
		return m.parseNamed(name, kind, kv, order)
	case kind.IsRef() || funcKinds[kind]:
		f, err := parseFunc(name, kind, kv, order, source)
		if err != nil {
			return err
		}
		m.seq++
		f.seq = m.seq
		m.Add(f)
		return nil
	}
	return fmt.Errorf("%s: unknown kind %q", name, kind)
}

// needsRef are the kinds whose entries must say which value they are about.
var needsRef = map[Kind]bool{View: true, Steal: true, ErrCast: true, ErrTest: true, ErrCode: true, Hint: true,
	LockCall: true, UnlockCall: true, Unlist: true, CountGet: true, CountPut: true, DrvData: true, Enable: true, Disable: true, Tolerates: true, Deregister: true}

func parseFunc(name string, kind Kind, kv map[string]string, order []string, source string) (*Func, error) {
	f := &Func{Name: name, Kind: kind, Fail: FailNone, Source: source}
	hasRef := false
	refArg := func(v string) (*Ref, error) {
		r, err := parseRef(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		return &r, nil
	}
	for _, k := range order {
		v := kv[k]
		var err error
		switch k {
		case "ref":
			var r *Ref
			if r, err = refArg(v); err == nil {
				f.Ref, hasRef = *r, true
			}
		case "class":
			f.Class = v
		case "fail":
			switch Fail(v) {
			case FailNone, FailNull, FailErrPtr, FailErrOrNull, FailErrno, FailFalse:
				f.Fail = Fail(v)
			default:
				return nil, fmt.Errorf("%s: unknown fail convention %q", name, v)
			}
		case "release":
			f.Release = strings.Split(v, ",")
		case "manual":
			f.Manual = strings.Split(v, ",")
		case "drops":
			f.Drops, err = refArg(v)
		case "keeps":
			f.Keeps, err = refArg(v)
		case "holds":
			f.Holds, err = refArg(v)
		case "action":
			f.Action, err = refArg(v)
		case "data":
			f.Data, err = refArg(v)
		case "flags":
			f.Flags, err = refArg(v)
		case "stateless":
			// stateless=FLAG:VALUE
			flag, val, ok := strings.Cut(v, ":")
			n, perr := strconv.ParseUint(val, 0, 64)
			if !ok || flag == "" || perr != nil {
				return nil, fmt.Errorf("%s: stateless=%q: want FLAG:VALUE", name, v)
			}
			f.StatelessFlag, f.StatelessBit = flag, n
		case "managed":
			f.Managed = v
		case "foreign":
			f.Foreign = true
		case "devm":
			f.Devm = true
		case "common":
			f.Common = true
		case "reset":
			f.Reset = true
		case "scalar":
			f.Scalar = true
		case "classdev":
			f.ClassDev = true
		case "child":
			f.Child = true
		case "twin":
			f.Twin = v
		case "lock":
			f.Lock = v
		case "self":
			f.Self = true
		case "uncounted":
			f.Uncounted = true
		case "of":
			for _, k := range strings.Split(v, ",") {
				if !Kind(k).IsRef() && !funcKinds[Kind(k)] {
					return nil, fmt.Errorf("%s: of=%s: unknown kind", name, k)
				}
				f.Of = append(f.Of, Kind(k))
			}
		case "zero":
			f.Zero = true
		default:
			return nil, fmt.Errorf("%s: unknown key %q", name, k)
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case (kind.IsRef() || needsRef[kind]) && !hasRef:
		return nil, fmt.Errorf("%s: missing ref=", name)
	case kind == Devres && f.Action == nil:
		return nil, fmt.Errorf("%s: a devres entry needs action=", name)
	case kind == Fails && f.Fail != FailNull && f.Fail != FailErrPtr && f.Fail != FailErrOrNull:
		return nil, fmt.Errorf("%s: a fails entry needs fail=null, errptr or errornull", name)
	}
	return f, nil
}

func (m *Model) parseClass(name string, kv map[string]string, order []string, source string) error {
	c := &Class{Name: name, Source: source}
	for _, k := range order {
		v := kv[k]
		switch k {
		case "role":
			switch Role(v) {
			case RoleDevice, RoleNode, RoleModule, RoleLink, RoleProvider, RoleHandle:
				c.Role = Role(v)
			default:
				return fmt.Errorf("class %s: unknown role %q", name, v)
			}
		case "noun":
			c.Noun = v
		case "leak":
			c.Leak = v
		case "free":
			c.Free = strings.Split(v, ",")
		case "autofix":
			c.AutoFix = true
		case "shared":
			c.Shared = true
		case "type":
			c.Type = v
		case "embeds":
			c.Embeds = true
		case "supplier":
			c.Supplier = v
		case "device":
			c.Device = v
		case "unbind":
			c.Unbind = v
		case "fwlink":
			c.FwLink = v
		default:
			return fmt.Errorf("class %s: unknown key %q", name, k)
		}
	}
	if c.Noun == "" {
		return fmt.Errorf("class %s: missing noun=", name)
	}
	m.classes[name] = c
	return nil
}

func (m *Model) parseNamed(name string, kind Kind, kv map[string]string, order []string) error {
	n := &Named{Name: name, Kind: kind}
	for _, k := range order {
		v := kv[k]
		switch k {
		case "role":
			n.Role = Role(v)
		case "value":
			x, err := strconv.ParseUint(v, 0, 64)
			if err != nil {
				return fmt.Errorf("%s: value=%q: %v", name, v, err)
			}
			n.Value = x
		default:
			return fmt.Errorf("%s: unknown key %q", name, k)
		}
	}
	if n.Role == "" {
		return fmt.Errorf("%s: missing role=", name)
	}
	switch kind {
	case FieldKind:
		m.fields[name] = n
	case TypeKind:
		if hasPattern(name) {
			m.typePats = append(m.typePats, n)
		} else {
			m.types[name] = n
		}
	case MacroKind:
		m.macros[name] = n
	}
	return nil
}

func parseRef(s string) (Ref, error) {
	if s == "ret" {
		return Ref{Ret: true}, nil
	}
	arg, field, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(strings.TrimPrefix(arg, "arg"))
	if !strings.HasPrefix(arg, "arg") || err != nil || n < 0 {
		return Ref{}, fmt.Errorf("bad ref %q (want ret, argN or argN.field)", s)
	}
	return Ref{Arg: n, Field: field}, nil
}
