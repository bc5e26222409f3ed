package flow

import (
	"bytes"
	"encoding/json"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/model"
)

// Table is a summary table in a form that survives a run (the analyzer's
// persistent cache, sharded runs): plain values, no layers.
type Table struct {
	Funcs   map[string]*model.Func     `json:"funcs,omitempty"`
	Results map[string]*cparse.Type    `json:"results,omitempty"`
	Unbind  map[string][]UnbindRelease `json:"unbind,omitempty"`
	Frees   map[string][]UnbindRelease `json:"frees,omitempty"`
}

// Table flattens s (all its layers; a live view's answers are not in it).
func (s *Summaries) Table() Table {
	flat := NewSummaries()
	flat.Merge(s)
	return Table{Funcs: flat.funcs, Results: flat.results, Unbind: flat.unbind, Frees: flat.frees}
}

// FromTable is the table t as summaries.
func FromTable(t Table) *Summaries {
	s := NewSummaries()
	for k, v := range t.Funcs {
		s.funcs[k] = v
	}
	for k, v := range t.Results {
		s.results[k] = v
	}
	for k, v := range t.Unbind {
		s.unbind[k] = v
	}
	for k, v := range t.Frees {
		s.frees[k] = v
	}
	return s
}

// Record returns a view answering from final that records its answers,
// as Live.Base does from a table still being filled.
func Record(final *Summaries) (*Summaries, *Answers) {
	return (&Live{table: final}).Base()
}

// Asked is what a unit asked of other files' summaries and the answers it
// got, by value (JSON), to be compared with another run's table.
type Asked struct {
	Funcs   map[string]json.RawMessage `json:"funcs,omitempty"`
	Results map[string]json.RawMessage `json:"results,omitempty"`
	Unbind  map[string]json.RawMessage `json:"unbind,omitempty"`
	Frees   map[string]json.RawMessage `json:"frees,omitempty"`
	Knows   *bool                      `json:"knows,omitempty"`
}

// Snapshot returns a's questions and answers by value.
func (a *Answers) Snapshot() Asked {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := Asked{Funcs: map[string]json.RawMessage{}, Results: map[string]json.RawMessage{}, Unbind: map[string]json.RawMessage{}, Frees: map[string]json.RawMessage{}}
	for k, v := range a.funcs {
		out.Funcs[k] = mustJSON(v)
	}
	for k, v := range a.results {
		out.Results[k] = mustJSON(v)
	}
	for k, v := range a.unbind {
		out.Unbind[k] = mustJSON(v)
	}
	for k, v := range a.frees {
		out.Frees[k] = mustJSON(v)
	}
	if a.knows != nil {
		k := *a.knows
		out.Knows = &k
	}
	return out
}

// Stale says whether final answers one of the questions otherwise
// (Answers.Stale, by value).
func (r *Asked) Stale(final *Summaries) bool {
	if r.Knows != nil && *r.Knows != final.KnowsResults() {
		return true
	}
	for name, v := range r.Funcs {
		if !bytes.Equal(mustJSON(final.Lookup(name)), v) {
			return true
		}
	}
	for name, v := range r.Results {
		if !bytes.Equal(mustJSON(final.Result(name)), v) {
			return true
		}
	}
	for name, v := range r.Unbind {
		if !bytes.Equal(mustJSON(final.Unbind(name)), v) {
			return true
		}
	}
	for name, v := range r.Frees {
		if !bytes.Equal(mustJSON(final.FieldReleases(name)), v) {
			return true
		}
	}
	return false
}

// Names calls f with every name r asked about.
func (r *Asked) Names(f func(string)) {
	for _, m := range []map[string]json.RawMessage{r.Funcs, r.Results, r.Unbind, r.Frees} {
		for name := range m {
			f(name)
		}
	}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain values only
	}
	return b
}
