package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

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
	m.merge(extra)
	return m, nil
}
