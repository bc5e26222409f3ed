package driver

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/pcslint/pcslint/cparse"
	"github.com/pcslint/pcslint/rules/all"
	"github.com/pcslint/pcslint/rules/model"
)

func TestMemoryBudget(t *testing.T) {
	const gib = 1 << 30
	cases := []struct {
		name    string
		meminfo string // "" for none
		cgroup  string // /proc/self/cgroup; "" for none
		max     string // memory.max of the group; "" for none
		current string
		unified bool // the group sits under cgroupDir/unified (hybrid host)
		want    int64
	}{
		{"MemAvailable only", "MemTotal: 8388608 kB\nMemAvailable: 4194304 kB\n", "", "", "", false, 4 * gib},
		{"cgroup v2 limit below MemAvailable", "MemAvailable: 4194304 kB\n", "0::/job\n", "2147483648\n", "1073741824\n", false, 1 * gib},
		{"cgroup v2 without limit", "MemAvailable: 4194304 kB\n", "0::/job\n", "max\n", "1073741824\n", false, 4 * gib},
		{"cgroup limit above MemAvailable", "MemAvailable: 1048576 kB\n", "0::/job\n", "8589934592\n", "0\n", false, 1 * gib},
		{"hybrid host: unified hierarchy", "MemAvailable: 4194304 kB\n", "4:memory:/x\n0::/job\n", "3221225472\n", "1073741824\n", true, 2 * gib},
		{"cgroup v1 only: MemAvailable", "MemAvailable: 4194304 kB\n", "4:memory:/x\n", "", "", false, 4 * gib},
		{"nothing known: the floor", "", "", "", "", false, minMemoryBudget},
		{"cgroup at its limit: the floor", "MemAvailable: 4194304 kB\n", "0::/job\n", "1073741824\n", "1073741824\n", false, minMemoryBudget},
		{"tiny MemAvailable: the floor", "MemAvailable: 1024 kB\n", "", "", "", false, minMemoryBudget},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			proc, cg := t.TempDir(), t.TempDir()
			write := func(p, s string) {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.meminfo != "" {
				write(filepath.Join(proc, "meminfo"), c.meminfo)
			}
			if c.cgroup != "" {
				write(filepath.Join(proc, "self/cgroup"), c.cgroup)
			}
			group := filepath.Join(cg, "job")
			if c.unified {
				group = filepath.Join(cg, "unified/job")
			}
			if c.max != "" {
				write(filepath.Join(group, "memory.max"), c.max)
				write(filepath.Join(group, "memory.current"), c.current)
			}
			if got := memoryBudget(proc, cg); got != c.want {
				t.Errorf("memoryBudget = %d, want %d", got, c.want)
			}
		})
	}
}

func TestUnitWeight(t *testing.T) {
	cases := []struct {
		size, capacity, want int64
	}{
		{0, 8 << 30, unitBaseMemory},
		{100 << 10, 8 << 30, unitBaseMemory + unitBytesFactor*(100<<10)},
		// a unit larger than the whole budget still runs: alone
		{1 << 30, 1 << 30, 1 << 30},
		{16 << 20, minMemoryBudget, minMemoryBudget},
	}
	for _, c := range cases {
		if got := unitWeight(c.size, c.capacity); got != c.want {
			t.Errorf("unitWeight(%d, %d) = %d, want %d", c.size, c.capacity, got, c.want)
		}
	}
}

// A memory budget smaller than any unit still analyzes every file, one at
// a time.
func TestAdmissionTinyBudget(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"a.c", "b.c", "c.c"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("int f(void) { return 0; }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	rep, err := Run(context.Background(), Config{Tree: cparse.StandaloneTree(dir), Files: files, Jobs: 3, MemoryBudget: 1,
		Exhaustive: true, Analyzers: all.Analyzers(nil), Meta: all.Meta(), Model: model.Builtin()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 3 || len(rep.Failed) != 0 {
		t.Fatalf("files %v, failed %v: want 3 analyzed", rep.Files, rep.Failed)
	}
}
