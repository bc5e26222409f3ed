package report

import (
	"regexp"
	"testing"
)

func TestFingerprintStableAcrossShifts(t *testing.T) {
	// The same finding before and after 7 lines were inserted above its
	// function: absolute lines in the message move, the offset does not.
	before := Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex released at line 131 before the reference taken at line 140", 12)
	after := Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex released at line 138 before the reference taken at line 147", 12)
	if before != after {
		t.Fatalf("line shift changed the fingerprint: %s vs %s", before, after)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(before) {
		t.Fatalf("fingerprint %q is not 32 hex digits", before)
	}
	// White space is not significant either.
	if got := Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex  released at line 1 before\tthe reference taken at line 2", 12); got != before {
		t.Fatalf("white space changed the fingerprint")
	}
}

func TestFingerprintDistinguishes(t *testing.T) {
	base := Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex released at line 131", 12)
	for name, fp := range map[string]string{
		"rule":          Fingerprint("module-ref-guard", "pcs_find", "pcs_mutex released at line 131", 12),
		"function":      Fingerprint("lookup-after-unlock", "pcs_get_tail", "pcs_mutex released at line 131", 12),
		"message":       Fingerprint("lookup-after-unlock", "pcs_find", "rtnl_mutex released at line 131", 12),
		"offset":        Fingerprint("lookup-after-unlock", "pcs_find", "pcs_mutex released at line 131", 13),
		"field joining": Fingerprint("lookup-after-unloc", "kpcs_find", "pcs_mutex released at line 131", 12),
	} {
		if fp == base {
			t.Errorf("changing the %s did not change the fingerprint", name)
		}
	}
}

func TestNormalizeMessage(t *testing.T) {
	for in, want := range map[string]string{
		"line 42":             "line N",
		"core.c:42:7":         "core.c:N:N",
		"u32 eth0 __le16":     "u32 eth0 __le16",
		"  a \t b\n":          "a b",
		"(3 refs), 10 calls":  "(N refs), N calls",
		"count=12345 and x_1": "count=N and x_1",
	} {
		if got := NormalizeMessage(in); got != want {
			t.Errorf("NormalizeMessage(%q) = %q, want %q", in, got, want)
		}
	}
}
