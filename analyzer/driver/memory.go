package driver

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Memory admission: the parse phase runs a unit only when its estimated
// peak memory fits in what is left of the run's memory budget (a weighted
// semaphore, see Run), so -j N never means N huge units at once.
//
// The estimate is deliberately pessimistic. Measured on Linux 6.12 x86_64
// (drivers/net, drivers/phy) a unit's peak is 35-103 MiB for typical driver
// files, mostly the preprocessed headers, not the file itself; the per-byte
// term covers the file's own tokens, syntax tree and control-flow graphs.
const (
	unitBaseMemory  = 128 << 20 // every unit: headers, gcc -E output, cc/v4 state
	unitBytesFactor = 64        // per byte of the .c file
	// minMemoryBudget is the floor of the budget: below it pcslint still
	// runs, one unit at a time at worst.
	minMemoryBudget = 512 << 20
)

// unitWeight is the estimated peak memory of parsing a file of size bytes,
// capped at capacity so that a unit larger than the budget still runs, alone.
func unitWeight(size, capacity int64) int64 {
	w := int64(unitBaseMemory)
	if size > 0 {
		w += unitBytesFactor * size
	}
	if w > capacity {
		w = capacity
	}
	return w
}

// MemoryBudget is the memory pcslint allows itself: the cgroup v2 limit
// (memory.max minus memory.current) when one is set, else MemAvailable from
// /proc/meminfo, the smaller of the two when both are known; never below
// 512 MiB. It sizes the parse phase's admission and the Go runtime's soft
// memory limit (debug.SetMemoryLimit).
func MemoryBudget() int64 {
	return memoryBudget("/proc", "/sys/fs/cgroup")
}

func memoryBudget(procDir, cgroupDir string) int64 {
	budget := memAvailable(filepath.Join(procDir, "meminfo"))
	if c := cgroupAvailable(filepath.Join(procDir, "self/cgroup"), cgroupDir); c > 0 && (budget <= 0 || c < budget) {
		budget = c
	}
	if budget < minMemoryBudget {
		budget = minMemoryBudget
	}
	return budget
}

// memAvailable reads MemAvailable (bytes) from a meminfo file; 0 when unknown.
func memAvailable(meminfo string) int64 {
	data, err := os.ReadFile(meminfo)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemAvailable:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cgroupAvailable is memory.max - memory.current of the process's cgroup v2
// group; 0 when there is no limit ("max") or no cgroup v2. The unified
// hierarchy is looked for at cgroupDir and, on hybrid hosts, cgroupDir/unified.
func cgroupAvailable(selfCgroup, cgroupDir string) int64 {
	data, err := os.ReadFile(selfCgroup)
	if err != nil {
		return 0
	}
	var group string
	found := false
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "0::"); ok {
			group, found = rest, true
			break
		}
	}
	if !found {
		return 0
	}
	for _, base := range []string{cgroupDir, filepath.Join(cgroupDir, "unified")} {
		dir := filepath.Join(base, filepath.FromSlash(group))
		max, ok := readCgroupInt(filepath.Join(dir, "memory.max"))
		if !ok {
			continue
		}
		if max <= 0 {
			return 0 // "max": no limit
		}
		cur, _ := readCgroupInt(filepath.Join(dir, "memory.current"))
		if avail := max - cur; avail > 0 {
			return avail
		}
		return 1 // at the limit already: the floor applies
	}
	return 0
}

// readCgroupInt reads a cgroup file holding a number or "max" (returned as 0).
func readCgroupInt(p string) (int64, bool) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, false
	}
	s := strings.TrimSpace(string(data))
	if s == "max" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
