package driver

import (
	"runtime/debug"
	"sync"
)

// Version is pcslint's version as its build recorded it: what --version
// prints and every report carries (SARIF tool.driver.version, JSON
// tool.version). There is no version constant to forget to bump.
func Version() string { return buildVersion() }

var buildVersion = sync.OnceValue(func() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
})

// versionOf picks the version out of build information (nil: none):
//   - a source build (go build or go install in a checkout) records the VCS
//     state: the commit, "+dirty" when the work tree had uncommitted changes;
//   - `go install github.com/pcslint/pcslint/cmd/pcslint@VERSION` builds from
//     the module cache, which has no VCS state, and records the module's
//     version (a release tag or a pseudo-version naming the commit);
//   - anything else ("go run", -buildvcs=false, a tree without .git, tests):
//     "devel".
//
// The commit comes first because Go 1.24 and later also stamp a source build
// with a version guessed from the nearest tag; the commit says exactly what
// was built.
func versionOf(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel"
	}
	var revision string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision != "" {
		if modified {
			revision += "+dirty"
		}
		return revision
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "devel"
}
