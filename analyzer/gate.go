package analyzer

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"

	"github.com/pcslint/pcslint/cparse"
)

// Patch is one patch of a series: a format-patch mail, one message of an
// mbox, a plain unified diff, or `git diff REV`.
type Patch struct {
	Subject string // cleaned Subject header: no "Re:", no [PATCH n/m]
	Source  string // where it was read from: FILE, FILE#N in an mbox, or "git diff REV"
	Files   []*gitdiff.File
}

// mboxFrom matches the "From " line that starts each message of an mbox;
// git format-patch writes "From <sha> Mon Sep 17 00:00:00 2001".
var mboxFrom = regexp.MustCompile(`(?m)^From \S+ +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ \d\d:\d\d(:\d\d)? .*\d{4}\r?$`)

// ReadPatches reads the patches of path: a git format-patch file, an mbox
// holding a series (messages without a diff, such as a cover letter, are
// skipped) or a plain unified diff. Plain diffs without "diff --git"
// headers are taken as -p1, the kernel's convention. Errors name the file.
func ReadPatches(path string) ([]*Patch, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading patches: %w", err)
	}
	msgs := splitMbox(data)
	var out []*Patch
	for i, msg := range msgs {
		src := path
		if len(msgs) > 1 {
			src = path + "#" + strconv.Itoa(i+1)
		}
		p, err := parseMessage(msg, src)
		if err != nil {
			return nil, err
		}
		if p != nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no patches in %s", path)
	}
	if len(out) == 1 {
		out[0].Source = path
		if out[0].Subject == "" {
			out[0].Subject = filepath.Base(path)
		}
	}
	for i, p := range out {
		if p.Subject == "" {
			p.Subject = fmt.Sprintf("%s, patch %d", filepath.Base(path), i+1)
		}
	}
	return out, nil
}

// splitMbox cuts data at mbox "From " lines; data without them is one
// message.
func splitMbox(data []byte) [][]byte {
	idx := mboxFrom.FindAllIndex(data, -1)
	if len(idx) == 0 {
		return [][]byte{data}
	}
	var msgs [][]byte
	if pre := bytes.TrimSpace(data[:idx[0][0]]); len(pre) > 0 {
		msgs = append(msgs, data[:idx[0][0]])
	}
	for i, m := range idx {
		end := len(data)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		// Drop the From line itself: it is no mail header.
		body := data[m[1]:end]
		msgs = append(msgs, bytes.TrimLeft(body, "\r\n"))
	}
	return msgs
}

// parseMessage turns one message (mail or bare diff) into a Patch, or nil
// if it holds no diff.
func parseMessage(msg []byte, src string) (*Patch, error) {
	subject, body := "", msg
	if m, err := mail.ReadMessage(bytes.NewReader(msg)); err == nil && len(m.Header) > 0 && looksLikeMail(m.Header) {
		subject = cleanSubject(decodeHeader(m.Header.Get("Subject")))
		b, err := io.ReadAll(decodeBody(m.Header.Get("Content-Transfer-Encoding"), m.Body))
		if err != nil {
			return nil, fmt.Errorf("%s: decoding message %q: %v", src, subject, oneLineErr(err))
		}
		body = b
	}
	files, preamble, err := gitdiff.Parse(bytes.NewReader(body))
	if err != nil {
		// gitdiff quotes the offending line, control characters and all
		if subject != "" {
			return nil, fmt.Errorf("%s: patch %q: %v", src, subject, oneLineErr(err))
		}
		return nil, fmt.Errorf("%s: %v", src, oneLineErr(err))
	}
	if len(files) == 0 {
		return nil, nil
	}
	if subject == "" {
		// `git show` / `git log -p` output: the title of the commit.
		if h, err := gitdiff.ParsePatchHeader(preamble); err == nil {
			subject = h.Title
		}
	}
	git := bytes.Contains(body, []byte("\ndiff --git ")) || bytes.HasPrefix(body, []byte("diff --git "))
	for _, f := range files {
		if !git {
			f.OldName, f.NewName = stripComponent(f.OldName), stripComponent(f.NewName)
		}
		for _, n := range []string{f.OldName, f.NewName} {
			if n != "" && !filepath.IsLocal(filepath.FromSlash(n)) {
				return nil, fmt.Errorf("%s: patch %q: unsafe path %q", src, subject, n)
			}
		}
	}
	return &Patch{Subject: subject, Source: src, Files: files}, nil
}

// looksLikeMail tells mail headers from a diff that happens to parse as a
// header block (e.g. "Index: file").
func looksLikeMail(h mail.Header) bool {
	for _, k := range []string{"From", "Subject", "Date", "Message-Id"} {
		if h.Get(k) != "" {
			return true
		}
	}
	return false
}

func decodeHeader(s string) string {
	dec := mime.WordDecoder{CharsetReader: func(_ string, r io.Reader) (io.Reader, error) { return r, nil }}
	if d, err := dec.DecodeHeader(s); err == nil {
		return d
	}
	return s
}

func decodeBody(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	}
	return r
}

// subjectPrefix is one "Re:" or bracketed tag at the start of a subject.
var subjectPrefix = regexp.MustCompile(`^\s*(?:(?i:re|fwd?):|\[[^\]]*\])`)

// cleanSubject drops what git am drops: leading "Re:" and bracketed tags
// such as [PATCH 3/9] or [RFC PATCH net-next v2 3/9]. net/mail has already
// unfolded a folded header.
func cleanSubject(s string) string {
	for {
		loc := subjectPrefix.FindStringIndex(s)
		if loc == nil {
			break
		}
		s = s[loc[1]:]
	}
	return strings.Join(strings.Fields(s), " ")
}

// stripComponent applies -p1 to a plain diff's path.
func stripComponent(name string) string {
	if i := strings.IndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// ApplyPatch applies p in memory on top of base (files base does not hold
// are read from disk under root) and returns the new overlay with the
// absolute paths of the .c files the patch created, modified or renamed to
// (changedC) and of the .c files it deleted or renamed away (deletedC),
// both sorted. It never writes to disk. Hunks may apply at an offset, as
// with git apply, but their lines must match exactly; one that does not
// apply gives an error naming the patch, the file and the hunk header.
// Binary files without data in the patch are left as they are.
func ApplyPatch(root string, base *cparse.Overlay, p *Patch) (after *cparse.Overlay, changedC, deletedC []string, err error) {
	if base == nil {
		base = cparse.NewOverlay()
	}
	after = base.Clone()
	changed, deleted := map[string]bool{}, map[string]bool{}
	for _, f := range p.Files {
		oldAbs := filepath.Join(root, filepath.FromSlash(f.OldName))
		newAbs := filepath.Join(root, filepath.FromSlash(f.NewName))
		var src []byte
		if f.IsNew {
			if overlayExists(after, newAbs) {
				return nil, nil, nil, fmt.Errorf("patch %q: %s: cannot create: file already exists", p.Subject, f.NewName)
			}
		} else {
			if src, err = after.ReadFile(oldAbs); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					err = errors.New("file does not exist")
				}
				return nil, nil, nil, fmt.Errorf("patch %q: %s: cannot patch: %v", p.Subject, f.OldName, err)
			}
		}
		content := src
		if !(f.IsBinary && f.BinaryFragment == nil) {
			if content, err = applyFile(src, f); err != nil {
				name := f.OldName
				if f.IsNew {
					name = f.NewName
				}
				return nil, nil, nil, fmt.Errorf("patch %q: %s: %v", p.Subject, name, err)
			}
		} else if f.IsNew {
			continue // no content to create
		}
		if f.IsDelete || f.IsRename {
			after.Delete(oldAbs)
			if strings.HasSuffix(oldAbs, ".c") {
				deleted[oldAbs] = true
				delete(changed, oldAbs)
			}
		}
		if !f.IsDelete {
			after.Set(newAbs, content)
			if strings.HasSuffix(newAbs, ".c") {
				changed[newAbs] = true
				delete(deleted, newAbs)
			}
		}
	}
	return after, sortedKeys(changed), sortedKeys(deleted), nil
}

// applyFile applies f's fragments to src. Each text fragment is first
// located: at its stated position moved by the offset of the previous
// one, else at the nearest position after the previous fragment where its
// old lines match (git apply's search, without fuzz).
func applyFile(src []byte, f *gitdiff.File) ([]byte, error) {
	var out bytes.Buffer
	if f.IsBinary {
		if err := gitdiff.Apply(&out, bytes.NewReader(src), f); err != nil {
			return nil, fmt.Errorf("binary patch does not apply: %v", err)
		}
		return out.Bytes(), nil
	}
	lines := splitLines(src)
	app := gitdiff.NewTextApplier(&out, bytes.NewReader(src))
	var offset, next int64 // next: first 0-based line after the last fragment
	for _, frag := range f.TextFragments {
		fr := *frag
		if fr.OldPosition > 0 && fr.OldLines > 0 {
			pos, ok := locateFragment(lines, &fr, fr.OldPosition+offset, next)
			if !ok {
				return nil, fmt.Errorf("hunk %s does not apply", frag.Header())
			}
			offset = pos - frag.OldPosition
			fr.OldPosition = pos
			next = pos - 1 + fr.OldLines
		} else if fr.OldPosition > 0 {
			fr.OldPosition += offset // pure insertion (-U0): nothing to match
		}
		if err := app.ApplyFragment(&fr); err != nil {
			return nil, fmt.Errorf("hunk %s does not apply: %v", frag.Header(), err)
		}
	}
	if err := app.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// locateFragment finds the 1-based line, at or after 0-based line min,
// nearest to want where frag's old lines match.
func locateFragment(lines [][]byte, frag *gitdiff.TextFragment, want, min int64) (int64, bool) {
	var old []string
	for _, l := range frag.Lines {
		if l.Old() {
			old = append(old, l.Line)
		}
	}
	n := int64(len(lines))
	matches := func(start int64) bool { // start: 0-based
		if start < min || start+int64(len(old)) > n {
			return false
		}
		for i, l := range old {
			if string(lines[start+int64(i)]) != l {
				return false
			}
		}
		return true
	}
	w := want - 1
	for d := int64(0); w-d >= min || w+d < n; d++ {
		if matches(w - d) {
			return w - d + 1, true
		}
		if d > 0 && matches(w+d) {
			return w + d + 1, true
		}
	}
	return 0, false
}

// splitLines splits after each '\n'; a last line without one is kept.
func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, b)
			break
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}

// overlayExists reports whether p exists through ov.
func overlayExists(ov *cparse.Overlay, p string) bool {
	has, hidden := ov.Has(p)
	if has || hidden {
		return has
	}
	_, err := os.Stat(p)
	return err == nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// RunFunc analyzes files (absolute paths) as ov shows them.
type RunFunc func(ctx context.Context, ov *cparse.Overlay, files []string) (*Report, error)

// Gate applies patches in order on top of base and reports what each one
// changes. For each patch it analyzes the .c files the patch touches as
// they were before it (deleted and renamed-away files included) and after
// it, and keeps the findings present after and absent before, matched by
// fingerprint and counted (so a second identical finding in a function is
// new too). They are labelled with Finding.Patch; the findings a patch
// removes are counted in its PatchInfo.Fixed. Non-C files are applied, so
// header changes are seen, but only .c files are analyzed.
//
// The report's findings are ordered by patch, then by file, line, column
// and rule. Failed holds the files that could not be analyzed after a
// patch, and those that could not be analyzed before it (their findings
// all count as new), with "before patch" in the message.
func Gate(ctx context.Context, root string, base *cparse.Overlay, patches []*Patch, run RunFunc) (*Report, error) {
	out := &Report{Root: root}
	if base == nil {
		base = cparse.NewOverlay()
	}
	cur := base
	files := map[string]bool{}
	failed := map[FileError]bool{}
	degraded := map[string]DegradedFile{}
	rules := map[string]bool{}
	for _, p := range patches {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		after, changed, deleted, err := ApplyPatch(root, cur, p)
		if err != nil {
			return nil, err
		}
		var beforeFiles []string
		for _, f := range changed {
			if overlayExists(cur, f) {
				beforeFiles = append(beforeFiles, f)
			}
		}
		beforeFiles = append(beforeFiles, deleted...)
		sort.Strings(beforeFiles)

		var before, now *Report
		if len(beforeFiles) > 0 {
			if before, err = run(ctx, cur, beforeFiles); err != nil {
				return nil, fmt.Errorf("patch %q: analyzing the files before it: %w", p.Subject, err)
			}
		}
		if len(changed) > 0 {
			if now, err = run(ctx, after, changed); err != nil {
				return nil, fmt.Errorf("patch %q: analyzing the files after it: %w", p.Subject, err)
			}
		}

		info := PatchInfo{Subject: p.Subject, File: p.Source}
		seen := map[string]int{}
		var added []Finding
		if before != nil {
			for _, f := range before.Findings {
				seen[gateKey(&f)]++
			}
			for _, fe := range before.Failed {
				fe.Message = "before patch: " + fe.Message
				failed[fe] = true
			}
		}
		if now != nil {
			for _, f := range now.Findings {
				k := gateKey(&f)
				if seen[k] > 0 {
					seen[k]--
					continue
				}
				f.Patch = p.Subject
				added = append(added, f)
				if !f.Suppressed {
					info.New++
				}
			}
			for _, f := range now.Files {
				files[f] = true
			}
			for _, fe := range now.Failed {
				failed[fe] = true
			}
			for _, d := range now.Degraded {
				degraded[d.File] = d
			}
			for _, ri := range now.Rules {
				if !rules[ri.ID] {
					rules[ri.ID] = true
					out.Rules = append(out.Rules, ri)
				}
			}
			out.ToolVersion, out.TreeKind = now.ToolVersion, now.TreeKind
		}
		if before != nil {
			// What is left in seen was not matched after the patch: fixed.
			for _, f := range before.Findings {
				if k := gateKey(&f); seen[k] > 0 && !f.Suppressed {
					seen[k]--
					info.Fixed++
				}
			}
			if out.ToolVersion == "" {
				out.ToolVersion, out.TreeKind = before.ToolVersion, before.TreeKind
			}
		}
		sortFindings(added)
		out.Findings = append(out.Findings, added...)
		out.Patches = append(out.Patches, info)
		cur = after
	}
	out.Files = sortedKeys(files)
	for _, f := range out.Files {
		if d, ok := degraded[f]; ok {
			out.Degraded = append(out.Degraded, d)
		}
	}
	for fe := range failed {
		out.Failed = append(out.Failed, fe)
	}
	sort.Slice(out.Failed, func(i, j int) bool {
		a, b := out.Failed[i], out.Failed[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Message < b.Message
	})
	sort.Slice(out.Rules, func(i, j int) bool { return out.Rules[i].ID < out.Rules[j].ID })
	return out, nil
}

// gateKey matches a finding before and after a patch: its fingerprint, or
// its position if the run set none.
func gateKey(f *Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return fmt.Sprintf("%s\x00%s\x00%d\x00%s", f.Rule, f.Loc.File, f.Loc.Line, f.Message)
}

// sortFindings orders findings by file, line, column and rule.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Loc, fs[j].Loc
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return fs[i].Rule < fs[j].Rule
	})
}

// DiffFiles supports --diff REV: it makes a Patch of `git diff REV` in the
// git checkout repoDir (the working tree against REV; untracked files are
// not part of it, as with git diff) and returns it with the overlay that
// shows the touched files as they are at REV, layered on base. Gate on
// (repoDir, before, [p]) then analyzes REV against the working tree with
// the same logic as a patch series. Paths are relative to repoDir.
func DiffFiles(ctx context.Context, repoDir, rev string, base *cparse.Overlay) (p *Patch, before *cparse.Overlay, err error) {
	if base == nil {
		base = cparse.NewOverlay()
	}
	if _, err := gitOutput(ctx, repoDir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, nil, fmt.Errorf("--diff %s: not a commit in %s", rev, repoDir)
	}
	// Options pin down what user configuration could change: prefixes,
	// color, external diff drivers, rename detection, paths relative to
	// repoDir.
	diff, err := gitOutput(ctx, repoDir, "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "diff.suppressBlankEmpty=false",
		"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--binary", "-M", "--relative",
		"--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=all", "--end-of-options", rev, "--")
	if err != nil {
		return nil, nil, fmt.Errorf("--diff %s: %v", rev, err)
	}
	files, _, err := gitdiff.Parse(bytes.NewReader(diff))
	if err != nil {
		return nil, nil, fmt.Errorf("--diff %s: reading git diff: %v", rev, err)
	}
	p = &Patch{Subject: "changes since " + rev, Source: "git diff " + rev, Files: files}
	before = base.Clone()
	done := map[string]bool{}
	for _, f := range files {
		for _, name := range []string{f.OldName, f.NewName} {
			if name == "" || done[name] {
				continue
			}
			done[name] = true
			abs := filepath.Join(repoDir, filepath.FromSlash(name))
			// "REV:./name" is relative to repoDir, like --relative.
			content, err := gitOutput(ctx, repoDir, "cat-file", "blob", rev+":./"+path.Clean(name))
			if err != nil {
				before.Delete(abs) // not in REV: created since
				continue
			}
			before.Set(abs, content)
		}
	}
	return p, before, nil
}

// gitOutput runs git in dir and returns its stdout; the error carries
// git's first line of stderr.
func gitOutput(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(strings.SplitN(stderr.String(), "\n", 2)[0])
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", gitSubcommand(args), msg)
	}
	return out, nil
}

// gitSubcommand names the git command of args, past -c options.
func gitSubcommand(args []string) string {
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" {
			i++
			continue
		}
		return args[i]
	}
	return ""
}
