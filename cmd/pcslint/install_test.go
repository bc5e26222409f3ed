package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// TestInstallFromModuleProxy is what a user does:
// `go install github.com/pcslint/pcslint/cmd/pcslint@VERSION`. It serves the
// commit at HEAD, as a pseudo-version, from a file:// module proxy made here
// (the layout proxy.golang.org serves: @v/list, .info, .mod, .zip), installs
// it into a scratch GOPATH, GOMODCACHE and GOBIN, and runs the installed
// binary: -demo must report findings and --version must be the
// pseudo-version. That fails if go.mod has a replace directive (go install
// refuses it), if a package the build needs is left out of the module zip
// (a nested module is), or if the version is not taken from the build.
//
// The zip holds what HEAD has committed, made from `git archive HEAD` as the
// go command does for a repository: uncommitted changes are not tested, so
// commit before trusting this test. The other modules come from this
// machine's module cache, used as a second file:// proxy (the build and
// tests of this module have filled it, checked against go.sum), so the test
// needs no network. For the same reason GOSUMDB is off: go install m@v
// verifies dependencies against the checksum database, not m's go.sum, and
// nothing here comes from outside that verified cache.
// It compiles pcslint and its dependencies from the scratch module cache
// (the build cache is shared, so the standard library is not rebuilt):
// 45-110 s on 2 shared cores, skipped with -short.
func TestInstallFromModuleProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("go install from a file module proxy is a full build: skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot test go install")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH: the module zip is made from the committed tree (git archive)")
	}
	repo, err := gitOutput(".", "rev-parse", "--show-toplevel")
	if err != nil {
		t.Skipf("not in a git checkout (%v): the module zip is made from the committed tree", err)
	}
	if status, err := gitOutput(repo, "status", "--porcelain", "--untracked-files=no"); err == nil && status != "" {
		t.Logf("the work tree has uncommitted changes; they are not installed, HEAD is:\n%s", status)
	}

	goMod, err := gitOutput(repo, "show", "HEAD:go.mod")
	if err != nil {
		t.Fatalf("HEAD has no go.mod at the repository root: %v", err)
	}
	modPath := modfile.ModulePath([]byte(goMod))
	if modPath == "" {
		t.Fatal("HEAD:go.mod names no module")
	}
	commit, err := gitOutput(repo, "log", "-1", "--format=%H %ct", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	rev, unix, _ := strings.Cut(commit, " ")
	secs, err := strconv.ParseInt(unix, 10, 64)
	if err != nil {
		t.Fatalf("commit time %q: %v", unix, err)
	}
	commitTime := time.Unix(secs, 0).UTC()
	// The go command would base the pseudo-version on the latest tag; any
	// valid pseudo-version will do for a proxy that serves only this one.
	version := module.PseudoVersion("", "", commitTime, rev[:12])
	mod := module.Version{Path: modPath, Version: version}

	scratch := t.TempDir()
	proxy := filepath.Join(scratch, "proxy")
	writeProxyModule(t, proxy, repo, mod, goMod, commitTime)

	hostCache, err := exec.Command(goTool, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	buildCache, err := exec.Command(goTool, "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	gopath := filepath.Join(scratch, "gopath")
	gobin := filepath.Join(scratch, "bin")
	env := append(withoutGoEnv(os.Environ()),
		"GOENV=off", // the user's `go env -w` settings (GOFLAGS, GOPROXY, ...) must not leak in
		"GOPATH="+gopath,
		"GOMODCACHE="+filepath.Join(gopath, "pkg", "mod"),
		"GOBIN="+gobin,
		"GOCACHE="+strings.TrimSpace(string(buildCache)),
		"GOPROXY="+fileURL(proxy)+","+fileURL(filepath.Join(strings.TrimSpace(string(hostCache)), "cache", "download")),
		"GOSUMDB=off",
		"GOFLAGS=-modcacherw", // so that TempDir's cleanup can remove the scratch module cache
		"GOTOOLCHAIN=local",   // the go on PATH, never a download
	)
	target := modPath + "/cmd/pcslint@" + version
	install := exec.Command(goTool, "install", target)
	install.Dir = scratch // outside any module, as a user would be
	install.Env = env
	start := time.Now()
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install %s: %v\n%s\n(a module \"not found\" is missing from the local module cache: `go mod download` fills it)", target, err, out)
	}
	t.Logf("go install %s: %.1fs", target, time.Since(start).Seconds())
	bin := filepath.Join(gobin, "pcslint")

	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v", bin, err)
	}
	if got, want := strings.TrimSpace(string(out)), "pcslint "+version; got != want {
		t.Errorf("--version of the installed binary = %q, want %q", got, want)
	}

	demo := exec.Command(bin, "-demo", "--color", "never")
	demo.Dir = scratch
	var stdout, stderr bytes.Buffer
	demo.Stdout, demo.Stderr = &stdout, &stderr
	err = demo.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("installed pcslint -demo: %v, want exit status 1 (findings)\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	m := summaryRe.FindStringSubmatch(stdout.String())
	if m == nil || m[2] != "0" || m[3] == "0" {
		t.Errorf("installed pcslint -demo: want findings in files that all parse, got summary %q\nstdout:\n%s\nstderr:\n%s", m, stdout.String(), stderr.String())
	}

	sarif, err := exec.Command(bin, "-demo", "--format", "sarif").Output()
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("installed pcslint -demo --format sarif: %v, want exit status 1", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version         string `json:"version"`
					SemanticVersion string `json:"semanticVersion"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF of the installed binary: %v, %d runs", err, len(log.Runs))
	}
	drv := log.Runs[0].Tool.Driver
	if drv.Version != version || drv.SemanticVersion != strings.TrimPrefix(version, "v") {
		t.Errorf("SARIF tool.driver: version %q, semanticVersion %q; want %q and %q", drv.Version, drv.SemanticVersion, version, strings.TrimPrefix(version, "v"))
	}
}

// writeProxyModule lays out mod in a GOPROXY=file:// directory: the
// version list, its .info and .mod, and the module zip of rev HEAD.
func writeProxyModule(t *testing.T, proxy, repo string, mod module.Version, goMod string, commitTime time.Time) {
	t.Helper()
	escPath, err := module.EscapePath(mod.Path)
	if err != nil {
		t.Fatal(err)
	}
	escVersion, err := module.EscapeVersion(mod.Version)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(proxy, filepath.FromSlash(escPath), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{mod.Version, commitTime})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"list":               []byte(mod.Version + "\n"),
		escVersion + ".info": info,
		escVersion + ".mod":  []byte(goMod),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// git archive, then the module zip rules (no nested modules, no vendor,
	// size limits) applied by x/mod/zip, as the go command does for a
	// repository. zip.CreateFromVCS would do both but does not recognize a
	// git worktree (its .git is a file).
	archive, err := exec.Command("git", "-C", repo, "-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive", "--format=zip", "HEAD").Output()
	if err != nil {
		t.Fatalf("git archive HEAD: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	var entries []modzip.File
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "/") {
			entries = append(entries, archiveFile{f})
		}
	}
	zf, err := os.Create(filepath.Join(dir, escVersion+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.Create(zf, mod, entries); err != nil {
		zf.Close()
		t.Fatalf("module zip: %v", err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
}

// archiveFile is a file of git archive's zip as x/mod/zip takes it.
type archiveFile struct{ f *zip.File }

func (a archiveFile) Path() string                 { return a.f.Name }
func (a archiveFile) Lstat() (fs.FileInfo, error)  { return a.f.FileInfo(), nil }
func (a archiveFile) Open() (io.ReadCloser, error) { return a.f.Open() }

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", errors.New(strings.TrimSpace(err.Error() + ": " + stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// withoutGoEnv drops the go command's variables from env, so that only
// those the test sets apply.
func withoutGoEnv(env []string) []string {
	var kept []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GO") {
			continue
		}
		kept = append(kept, kv)
	}
	return kept
}

func fileURL(dir string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()
}
