// Package model is the kernel API model: which functions acquire, release,
// pin, link, register or revoke provider objects, read from an embedded,
// reviewable table (kernel.model) that users extend with .pcslint.yaml.
package model

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed kernel.model
var builtin string

// Kind is what a function does to references.
type Kind string

const (
	Acquire    Kind = "acquire"
	Release    Kind = "release"
	Devm       Kind = "devm"
	Pin        Kind = "pin"
	Link       Kind = "link"
	Register   Kind = "register"
	Unregister Kind = "unregister"
	Revoke     Kind = "revoke"
	Takes      Kind = "takes"
	// Holds: the call keeps ref= with a reference of its own; the caller's
	// stays the caller's to put.
	Holds  Kind = "holds"
	Lookup Kind = "lookup"
)

var kinds = map[Kind]bool{Acquire: true, Release: true, Devm: true, Pin: true, Link: true, Register: true, Unregister: true, Revoke: true, Takes: true, Holds: true, Lookup: true}

// Fail is how a function reports failure.
type Fail string

const (
	FailNone      Fail = "none"
	FailNull      Fail = "null"
	FailErrPtr    Fail = "errptr"
	FailErrOrNull Fail = "errornull"
	FailErrno     Fail = "errno"
	FailFalse     Fail = "false"
)

// Ref says where the reference is: the return value, or argument Arg
// (Field set: the field of the struct argument Arg points to).
type Ref struct {
	Ret   bool
	Arg   int
	Field string
}

func (r Ref) String() string {
	if r.Ret {
		return "ret"
	}
	if r.Field != "" {
		return fmt.Sprintf("arg%d.%s", r.Arg, r.Field)
	}
	return fmt.Sprintf("arg%d", r.Arg)
}

// Func is one line of the model.
type Func struct {
	Name    string
	Kind    Kind
	Ref     Ref
	Class   string
	Fail    Fail
	Release []string // for acquire/pin/register: the matching releases
	Manual  []string // for devm: releases that must not be called by hand
	Drops   *Ref     // an argument this call also releases
	Keeps   *Ref     // an argument the created object keeps (its reference is handed over)
	Holds   *Ref     // an argument the created object keeps with a reference of its own
	Foreign bool     // the object belongs to another device
	Devm    bool     // a devm release (devm_phy_put): fine on devm objects
	Source  string   // "builtin" or the config file, for messages
}

// Held is the argument the call keeps with a reference of its own (a
// holds entry's ref=, an acquire's holds=), nil when none.
func (f *Func) Held() *Ref {
	if f.Kind == Holds {
		r := f.Ref
		return &r
	}
	return f.Holds
}

// HandedOver is the argument whose reference the call takes over (a takes
// entry's ref=, an acquire's keeps=), nil when none.
func (f *Func) HandedOver() *Ref {
	if f.Kind == Takes {
		r := f.Ref
		return &r
	}
	return f.Keeps
}

// Model is the set of modelled functions.
type Model struct {
	funcs map[string]*Func
}

// Builtin returns the embedded kernel model.
func Builtin() *Model {
	m, err := Parse(builtin, "builtin")
	if err != nil {
		panic("kernel.model: " + err.Error())
	}
	return m
}

// Parse reads model lines.
func Parse(text, source string) (*Model, error) {
	m := &Model{funcs: map[string]*Func{}}
	for i, line := range strings.Split(text, "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f, err := parseLine(line, source)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", source, i+1, err)
		}
		m.funcs[f.Name] = f
	}
	return m, nil
}

func parseLine(line, source string) (*Func, error) {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return nil, fmt.Errorf("want NAME KIND key=value..., got %q", line)
	}
	f := &Func{Name: fields[0], Kind: Kind(fields[1]), Fail: FailNone, Source: source}
	if !kinds[f.Kind] {
		return nil, fmt.Errorf("%s: unknown kind %q", f.Name, fields[1])
	}
	hasRef := false
	for _, kv := range fields[2:] {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "ref":
			r, err := parseRef(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f.Name, err)
			}
			f.Ref, hasRef = r, true
		case "class":
			f.Class = v
		case "fail":
			switch Fail(v) {
			case FailNone, FailNull, FailErrPtr, FailErrOrNull, FailErrno, FailFalse:
				f.Fail = Fail(v)
			default:
				return nil, fmt.Errorf("%s: unknown fail convention %q", f.Name, v)
			}
		case "release":
			f.Release = strings.Split(v, ",")
		case "manual":
			f.Manual = strings.Split(v, ",")
		case "drops":
			r, err := parseRef(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f.Name, err)
			}
			f.Drops = &r
		case "keeps":
			r, err := parseRef(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f.Name, err)
			}
			f.Keeps = &r
		case "holds":
			r, err := parseRef(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f.Name, err)
			}
			f.Holds = &r
		case "foreign":
			f.Foreign = true
		case "devm":
			f.Devm = true
		default:
			return nil, fmt.Errorf("%s: unknown key %q", f.Name, k)
		}
	}
	if !hasRef {
		return nil, fmt.Errorf("%s: missing ref=", f.Name)
	}
	return f, nil
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

// Lookup returns the model of a function, nil when unmodelled.
func (m *Model) Lookup(name string) *Func { return m.funcs[name] }

// Add places f in the model, replacing an entry of the same name.
func (m *Model) Add(f *Func) { m.funcs[f.Name] = f }

// Names lists the modelled functions, sorted.
func (m *Model) Names() []string {
	out := make([]string, 0, len(m.funcs))
	for n := range m.funcs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// IsRelease reports whether name releases references of class.
func (m *Model) IsRelease(name string) *Func {
	if f := m.funcs[name]; f != nil && (f.Kind == Release || f.Kind == Unregister) {
		return f
	}
	return nil
}

// Config is .pcslint.yaml at the tree root.
type Config struct {
	// Model lines, in the kernel.model format, added to the builtin model.
	Model []string `yaml:"model"`
	// Disable lists rule names not to run.
	Disable []string `yaml:"disable"`
}

// ConfigName is the config file looked for at the tree root.
const ConfigName = ".pcslint.yaml"

// LoadConfig reads root/.pcslint.yaml when present.
func LoadConfig(root string) (*Config, error) {
	path := filepath.Join(root, ConfigName)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return &Config{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseConfig(data, path)
}

// ParseConfig parses a config file's content.
func ParseConfig(data []byte, path string) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: invalid config: %v", path, err)
	}
	if _, err := Parse(strings.Join(c.Model, "\n"), path); err != nil {
		return nil, fmt.Errorf("invalid config: %v", err)
	}
	return &c, nil
}

// WithConfig returns the builtin model extended by c.
func WithConfig(c *Config, path string) (*Model, error) {
	m := Builtin()
	if c == nil || len(c.Model) == 0 {
		return m, nil
	}
	extra, err := Parse(strings.Join(c.Model, "\n"), path)
	if err != nil {
		return nil, err
	}
	for _, f := range extra.funcs {
		m.Add(f)
	}
	return m, nil
}
