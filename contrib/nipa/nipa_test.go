// Package nipa tests contrib/nipa/pcslint, the NIPA patch test, the way
// NIPA's runner (core/test.py) invokes it: in the tree with the patch
// committed as HEAD, DESC_FD a descriptor for one line of description,
// RESULTS_DIR the test's result directory; exit 0 okay, 250 warning, any
// other status a failure.
package nipa

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcslint/pcslint/internal/sample"
)

// The series, applied one patch at a time on the bundled sample tree.
var series = []struct {
	subject, addition string
	// what NIPA must show for the patch
	code int
	desc string // prefix of the description line
}{
	{"acme: add acme_parent_id()", `
/* Reads the port's parent node: the reference leaks. */
int acme_parent_id(struct device_node *np)
{
	struct device_node *parent = of_get_parent(np);

	if (!parent)
		return -1;
	return 0;
}
`, 250, "pcslint: 1 new finding(s), first: drivers/net/ethernet/acme/acme_mac.c:158:2: warning: acme_parent_id(): "},
	{"acme: document the driver", "\n/* Nothing to see here. */\n", 0, "pcslint: no new findings"},
	{"acme: add acme_put_twice()", `
void acme_put_twice(struct device_node *np)
{
	struct device_node *parent = of_get_parent(np);

	of_node_put(parent);
	of_node_put(parent);
}
`, 1, "pcslint: 1 new finding(s), first error: drivers/net/ethernet/acme/acme_mac.c:"},
	{"acme: break the build", "\nint broken( {\n", 250, "pcslint could not check the patch: pcslint: "},
}

func TestNIPAPatchTest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pcslint and runs it on four patches")
	}
	for _, tool := range []string{"git", "bash", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "pcslint"), "github.com/pcslint/pcslint/cmd/pcslint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	script, err := filepath.Abs("pcslint/pcslint.sh")
	if err != nil {
		t.Fatal(err)
	}

	dir, cleanup, err := sample.Extract()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "sample tree")

	driver := filepath.Join(dir, "drivers/net/ethernet/acme/acme_mac.c")
	for _, p := range series {
		f, err := os.OpenFile(driver, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteString(p.addition)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		git("commit", "-q", "-a", "-m", p.subject)

		results := filepath.Join(t.TempDir(), "pcslint")
		if err := os.MkdirAll(results, 0o755); err != nil {
			t.Fatal(err)
		}
		descR, descW, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(script)
		cmd.Dir = dir
		cmd.ExtraFiles = []*os.File{descW} // fd 3
		cmd.Env = append(os.Environ(), "DESC_FD=3", "RESULTS_DIR="+results, "BRANCH_BASE=main", "PCSLINT="+filepath.Join(bin, "pcslint"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Start()
		descW.Close()
		if err != nil {
			t.Fatal(err)
		}
		descBytes, _ := io.ReadAll(descR)
		descR.Close()
		code := 0
		if err := cmd.Wait(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		desc := string(descBytes)
		t.Logf("%s: exit %d: %s", p.subject, code, strings.TrimSpace(desc))
		if code != p.code || !strings.HasPrefix(desc, p.desc) || strings.Count(desc, "\n") != 1 {
			t.Errorf("patch %q: exit %d, description %q; want %d and one line starting %q\nstdout:\n%s\nstderr:\n%s",
				p.subject, code, desc, p.code, p.desc, stdout.String(), stderr.String())
		}
	}
}
