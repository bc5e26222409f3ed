package model

import (
	"strings"
	"testing"
)

// FuzzParseConfig: ParseConfig never panics; a config it accepts gives a
// model (WithConfig) whose every added function is found again; errors
// name the file.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("model:\n  - my_get acquire ref=ret class=device fail=null release=put_device\ndisable: [err-ptr-check]\n"))
	f.Add([]byte("model:\n  - \"foo_get_serdes acquire ref=ret class=phy fail=errptr release=foo_put_serdes\"\n  - \"foo_put_serdes release ref=arg0 class=phy\"\ndisable: [remove-leak]\n"))
	f.Add([]byte("modle: []\n"))
	f.Add([]byte("model: [\"f acquire\"]\n"))
	f.Add([]byte("model: [\n"))
	f.Add([]byte(""))
	f.Add([]byte("---\n...\n"))
	f.Add([]byte("model: &a [*a]\n"))
	f.Add([]byte("model:\n  - of_parse_phandle_with_args acquire ref=arg4.np class=of_node fail=errno release=of_node_put\n  - of_get_next_child acquire ref=ret class=of_node fail=null drops=arg1 release=of_node_put\n"))
	// every line of the builtin model, as a config
	var lines []string
	for _, l := range strings.Split(builtin, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	for i := 0; i < len(lines); i += 8 {
		chunk := lines[i:min(i+8, len(lines))]
		f.Add([]byte("model:\n  - \"" + strings.Join(chunk, "\"\n  - \"") + "\"\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "/tree/.pcslint.yaml"
		c, err := ParseConfig(data, path)
		if err != nil {
			if c != nil {
				t.Fatalf("config and error: %v", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if c == nil {
			t.Fatal("no config and no error")
		}
		m, err := WithConfig(c, path)
		if err != nil {
			t.Fatalf("ParseConfig accepted a model WithConfig rejects: %v", err)
		}
		extra, err := Parse(strings.Join(c.Model, "\n"), path)
		if err != nil {
			t.Fatalf("ParseConfig accepted lines Parse rejects: %v", err)
		}
		for _, n := range extra.Names() {
			if m.Lookup(n) == nil {
				t.Fatalf("%s from the config is not in the model", n)
			}
		}
	})
}
