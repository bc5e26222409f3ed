package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pcslint/pcslint/rules/model"
)

// loadConfig reads <root>/.pcslint.yaml, then extra (--config) when given:
// the model lines of both are added to the builtin model and the rules
// either disables are not run. name labels the result in later errors.
func loadConfig(root, extra string) (c *model.Config, name string, err error) {
	c, err = model.LoadConfig(root)
	if err != nil {
		return nil, "", err
	}
	name = filepath.Join(root, model.ConfigName)
	if extra == "" {
		return c, name, nil
	}
	data, err := os.ReadFile(extra)
	if err != nil {
		return nil, "", fmt.Errorf("--config %s: %v", extra, unwrapPathError(err))
	}
	more, err := model.ParseConfig(data, extra)
	if err != nil {
		return nil, "", err
	}
	merged := &model.Config{
		Model:   append(append([]string(nil), c.Model...), more.Model...),
		Disable: append(append([]string(nil), c.Disable...), more.Disable...),
	}
	return merged, name + " and " + extra, nil
}

// unwrapPathError drops the operation and path that the caller names itself.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
