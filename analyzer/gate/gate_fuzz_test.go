package gate

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// patchSeeds are the patches of the gate tests and variations of their
// envelopes: an mbox series, a plain diff, encoded bodies.
func patchSeeds() []string {
	plain := patch1[strings.Index(patch1, "diff --git"):]
	plain = plain[:strings.Index(plain, "-- \n")]
	b64 := strings.Replace(patch2, "Subject: [RFC PATCH net-next v2 2/2] pcs: fix the bug\n",
		"Subject: =?UTF-8?B?cGNzOiBmaXggdGhlIGJ1Zw==?=\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n", 1)
	head, body, _ := strings.Cut(b64, "\n\n")
	b64 = head + "\n\n" + base64.StdEncoding.EncodeToString([]byte(body)) + "\n"
	qp := strings.Replace(patch2, "Subject:", "Content-Transfer-Encoding: quoted-printable\nSubject:", 1)
	return []string{
		patch1, patch2, coverLetter,
		coverLetter + patch1 + patch2,
		plain,
		"--- a/drivers/x.c\n+++ b/drivers/x.c\n@@ -1 +1 @@\n-a\n+b\n",
		"diff --git a/x.c b/y.c\nsimilarity index 100%\nrename from x.c\nrename to y.c\n",
		"diff --git a/x.c b/x.c\ndeleted file mode 100644\nindex 1111111..0000000\n--- a/x.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n",
		"diff --git a/x.bin b/x.bin\nindex 1111111..2222222 100644\nGIT binary patch\nliteral 1\nIcmZo*000310RR91\n\n",
		b64, qp,
		"From nobody Mon Jan  1 00:00:00 2024\nFrom: a@example.org\nSubject: hello\n\njust talk\n",
	}
}

// FuzzReadPatches: ReadPatches never panics; on success there is at least
// one patch, each with a subject and a source, naming only paths inside
// the tree; an error is one line naming the file.
func FuzzReadPatches(f *testing.F) {
	for _, s := range patchSeeds() {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.patch")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ps, err := ReadPatches(p)
		if err != nil {
			if ps != nil {
				t.Fatalf("patches and an error: %v", err)
			}
			// the CLI prints it as its one line on stderr
			if msg := err.Error(); !strings.Contains(msg, p) || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error is not one line naming the file: %q", msg)
			}
			return
		}
		if len(ps) == 0 {
			t.Fatal("no patches and no error")
		}
		for _, pt := range ps {
			if pt.Subject == "" || pt.Source == "" {
				t.Fatalf("patch without subject or source: %+v", pt)
			}
			for _, fl := range pt.Files {
				if fl == nil {
					t.Fatal("nil file in a patch")
				}
				// ApplyPatch reads and names files by these: never one
				// outside the tree.
				for _, n := range []string{fl.OldName, fl.NewName} {
					if n != "" && !filepath.IsLocal(filepath.FromSlash(n)) {
						t.Fatalf("patch %q names %q, outside the tree", pt.Subject, n)
					}
				}
			}
		}
	})
}
