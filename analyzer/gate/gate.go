package gate

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

	"github.com/pcslint/pcslint/analyzer/report"
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
// holding a series or a plain unified diff (ParsePatches). Errors name the
// file.
func ReadPatches(path string) ([]*Patch, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading patches: %w", err)
	}
	return ParsePatches(data, path)
}

// ParsePatches reads the patches of data, read from name (a file or
// "<stdin>"): a git format-patch file, an mbox or a plain unified diff.
// Plain diffs without "diff --git" headers are taken as -p1, the kernel's
// convention.
//
// An mbox as b4 or lore give it holds a thread: replies ("Re:" subjects)
// are never applied, whatever they quote. When its patches are numbered
// ([PATCH v2 n/m]), only the series is taken, in n/m order, without its
// cover letter (0/m); a patch missing, two versions mixed or an unnumbered
// message with a diff among them is an error. A single numbered patch
// without its cover letter is taken alone: git format-patch writes one file
// a patch. Otherwise each message with
// a diff is a patch, in mbox order (messages without one, such as a cover
// letter, are skipped).
func ParsePatches(data []byte, name string) ([]*Patch, error) {
	raw := splitMbox(data)
	var msgs []*message
	repliesWithDiff := 0 // for the error when nothing else is left
	for i, m := range raw {
		src := name
		if len(raw) > 1 {
			src = name + "#" + strconv.Itoa(i+1)
		}
		msg, err := parseMessage(m, src)
		if err != nil {
			return nil, err
		}
		if msg.reply {
			if msg.replyDiff {
				repliesWithDiff++
			}
			continue
		}
		msgs = append(msgs, msg)
	}
	out, err := seriesPatches(msgs, name)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if repliesWithDiff > 0 {
			return nil, fmt.Errorf("no patches in %s (replies are not applied: %d with a diff skipped)", name, repliesWithDiff)
		}
		return nil, fmt.Errorf("no patches in %s", name)
	}
	if len(out) == 1 {
		out[0].Source = name
		if out[0].Subject == "" {
			out[0].Subject = filepath.Base(name)
		}
	}
	for i, p := range out {
		if p.Subject == "" {
			p.Subject = fmt.Sprintf("%s, patch %d", filepath.Base(name), i+1)
		}
	}
	return out, nil
}

// message is one message of an mbox (or the whole input when it is no
// mbox): its patch, nil without a diff, and what its subject says.
type message struct {
	patch   *Patch
	src     string
	subject string // as sent, decoded
	reply   bool   // "Re: ..."
	// replyDiff: a reply holding diff lines (not quoted); it is not applied
	replyDiff bool
	// numbered: the subject's tag says [... n/m]; version is its vN (1
	// when absent)
	numbered   bool
	n, m       int
	version    int
	versionTag string // the tag's words but n/m, to name the series in errors
}

// seriesPatches picks the patches of the non-reply messages: the numbered
// series when there is one, else every message with a diff in order.
func seriesPatches(msgs []*message, name string) ([]*Patch, error) {
	series := false
	for _, msg := range msgs {
		series = series || msg.numbered
	}
	if !series {
		var out []*Patch
		for _, msg := range msgs {
			if msg.patch != nil {
				out = append(out, msg.patch)
			}
		}
		return out, nil
	}
	type key struct{ version, m int }
	byKey := map[key][]*message{}
	var keys []key
	cover := false
	for _, msg := range msgs {
		switch {
		case !msg.numbered && msg.patch != nil:
			return nil, fmt.Errorf("%s: %q carries a diff but is not numbered like the series around it (a reply without \"Re:\"?)", msg.src, msg.subject)
		case !msg.numbered:
			continue // talk
		case msg.n == 0:
			cover = true
			continue
		}
		k := key{msg.version, msg.m}
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], msg)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	if len(keys) > 1 {
		var names []string
		for _, k := range keys {
			names = append(names, fmt.Sprintf("[%s x/%d]", byKey[k][0].versionTag, k.m))
		}
		return nil, fmt.Errorf("%s mixes series %s: keep one version (b4 am -v N)", name, strings.Join(names, " and "))
	}
	k := keys[0]
	if one := byKey[k][0]; len(byKey[k]) == 1 && !cover && one.patch != nil {
		// one patch of a series, as git format-patch writes each to a
		// file: the other files hold the others
		return []*Patch{one.patch}, nil
	}
	byN := make([]*message, k.m+1)
	for _, msg := range byKey[k] {
		switch {
		case msg.n > k.m:
			return nil, fmt.Errorf("%s: %q is numbered %d/%d", msg.src, msg.subject, msg.n, msg.m)
		case byN[msg.n] != nil:
			return nil, fmt.Errorf("%s: patch %d/%d appears twice (%s and %s)", name, msg.n, k.m, byN[msg.n].src, msg.src)
		case msg.patch == nil:
			return nil, fmt.Errorf("%s: patch %d/%d %q holds no diff", msg.src, msg.n, k.m, msg.subject)
		}
		byN[msg.n] = msg
	}
	var missing []string
	out := make([]*Patch, 0, k.m)
	for n := 1; n <= k.m; n++ {
		if byN[n] == nil {
			missing = append(missing, fmt.Sprintf("%d/%d", n, k.m))
			continue
		}
		out = append(out, byN[n].patch)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: series [%s x/%d] lacks patch %s", name, byKey[k][0].versionTag, k.m, strings.Join(missing, ", "))
	}
	return out, nil
}

// seriesTag reads the bracketed tags at the start of a subject (past any
// "Re:"): reply, and the n/m and vN of a [PATCH ...] tag.
func seriesTag(subject string, msg *message) {
	s := subject
	msg.version = 1
	for {
		loc := subjectPrefix.FindStringIndex(s)
		if loc == nil {
			return
		}
		tag := strings.TrimSpace(s[loc[0]:loc[1]])
		s = s[loc[1]:]
		if !strings.HasPrefix(tag, "[") {
			if t := strings.ToLower(tag); t == "re:" && !msg.numbered {
				msg.reply = true
			}
			continue
		}
		var words []string
		for _, w := range strings.Fields(strings.Trim(tag, "[]")) {
			if n, m, ok := strings.Cut(w, "/"); ok {
				nn, err1 := strconv.Atoi(n)
				mm, err2 := strconv.Atoi(m)
				if err1 == nil && err2 == nil && mm > 0 && nn >= 0 {
					msg.numbered, msg.n, msg.m = true, nn, mm
					continue
				}
			}
			if v, ok := strings.CutPrefix(strings.ToLower(w), "v"); ok {
				if n, err := strconv.Atoi(v); err == nil {
					msg.version = n
				}
			}
			words = append(words, w)
		}
		if msg.numbered && msg.versionTag == "" {
			msg.versionTag = strings.Join(words, " ")
		}
	}
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

// parseMessage reads one message (mail or bare diff): its patch, nil when
// it holds no diff, and its subject's tags. A reply's diff is not parsed:
// it is never applied, and what it quotes need not even be a valid diff.
func parseMessage(raw []byte, src string) (*message, error) {
	msg := &message{src: src, version: 1}
	subject, body := "", raw
	if m, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil && len(m.Header) > 0 && looksLikeMail(m.Header) {
		msg.subject = decodeHeader(m.Header.Get("Subject"))
		seriesTag(msg.subject, msg)
		subject = cleanSubject(msg.subject)
		if msg.reply {
			msg.replyDiff = bytes.Contains(raw, []byte("\n+++ "))
			return msg, nil
		}
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
		return msg, nil
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
	msg.patch = &Patch{Subject: subject, Source: src, Files: files}
	return msg, nil
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
	after, changedC, deletedC, _, err = applyPatch(root, base, p)
	return after, changedC, deletedC, err
}

// lineMap maps a file's 1-based line numbers before a patch to those
// after it; a line the patch removed or changed maps to 0.
type lineMap []int

// at is the line after the patch of line n before it (0: none).
func (m lineMap) at(n int) int {
	if n <= 0 || n > len(m) {
		return 0
	}
	return m[n-1]
}

// applyPatch is ApplyPatch that also returns, for each file the patch
// modifies in place, where its old lines went (by absolute path).
func applyPatch(root string, base *cparse.Overlay, p *Patch) (after *cparse.Overlay, changedC, deletedC []string, moved map[string]lineMap, err error) {
	moved = map[string]lineMap{}
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
				return nil, nil, nil, nil, fmt.Errorf("patch %q: %s: cannot create: file already exists", p.Subject, f.NewName)
			}
		} else {
			if src, err = after.ReadFile(oldAbs); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					err = errors.New("file does not exist")
				}
				return nil, nil, nil, nil, fmt.Errorf("patch %q: %s: cannot patch: %v", p.Subject, f.OldName, err)
			}
		}
		content := src
		if !(f.IsBinary && f.BinaryFragment == nil) {
			var lm lineMap
			if content, lm, err = applyFile(src, f); err != nil {
				name := f.OldName
				if f.IsNew {
					name = f.NewName
				}
				return nil, nil, nil, nil, fmt.Errorf("patch %q: %s: %v", p.Subject, name, err)
			}
			if !f.IsNew && !f.IsDelete && !f.IsRename && lm != nil {
				moved[newAbs] = lm
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
	return after, sortedKeys(changed), sortedKeys(deleted), moved, nil
}

// applyFile applies f's fragments to src. Each text fragment is first
// located: at its stated position moved by the offset of the previous
// one, else at the nearest position after the previous fragment where its
// old lines match (git apply's search, without fuzz).
func applyFile(src []byte, f *gitdiff.File) ([]byte, lineMap, error) {
	var out bytes.Buffer
	if f.IsBinary {
		if err := gitdiff.Apply(&out, bytes.NewReader(src), f); err != nil {
			return nil, nil, fmt.Errorf("binary patch does not apply: %v", err)
		}
		return out.Bytes(), nil, nil
	}
	lines := splitLines(src)
	app := gitdiff.NewTextApplier(&out, bytes.NewReader(src))
	lm := make(lineMap, len(lines))
	var offset, next int64 // next: first 0-based line after the last fragment
	old, shift := 0, 0     // old: 0-based lines mapped so far; shift: new - old
	for _, frag := range f.TextFragments {
		fr := *frag
		if fr.OldPosition > 0 && fr.OldLines > 0 {
			pos, ok := locateFragment(lines, &fr, fr.OldPosition+offset, next)
			if !ok {
				return nil, nil, fmt.Errorf("hunk %s does not apply", frag.Header())
			}
			offset = pos - frag.OldPosition
			fr.OldPosition = pos
			next = pos - 1 + fr.OldLines
		} else if fr.OldPosition > 0 {
			fr.OldPosition += offset // pure insertion (-U0): nothing to match
		}
		if err := app.ApplyFragment(&fr); err != nil {
			return nil, nil, fmt.Errorf("hunk %s does not apply: %v", frag.Header(), err)
		}
		// lines before the fragment keep their order; inside it, context
		// lines move, removed ones map to nothing
		start := int(fr.OldPosition) - 1
		if fr.OldLines == 0 {
			start = int(fr.OldPosition) // an insertion after line OldPosition
		}
		for ; old < start && old < len(lm); old++ {
			lm[old] = old + 1 + shift
		}
		for _, l := range fr.Lines {
			switch l.Op {
			case gitdiff.OpContext:
				if old < len(lm) {
					lm[old] = old + 1 + shift
				}
				old++
			case gitdiff.OpDelete:
				if old < len(lm) {
					lm[old] = 0
				}
				old++
				shift--
			case gitdiff.OpAdd:
				shift++
			}
		}
	}
	for ; old < len(lm); old++ {
		lm[old] = old + 1 + shift
	}
	if err := app.Close(); err != nil {
		return nil, nil, err
	}
	return out.Bytes(), lm, nil
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
type RunFunc func(ctx context.Context, ov *cparse.Overlay, files []string) (*report.Report, error)

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
func Gate(ctx context.Context, root string, base *cparse.Overlay, patches []*Patch, run RunFunc) (*report.Report, error) {
	out := &report.Report{Root: root}
	if base == nil {
		base = cparse.NewOverlay()
	}
	cur := base
	files := map[string]bool{}
	failed := map[report.FileError]bool{}
	degraded := map[string]report.DegradedFile{}
	rules := map[string]bool{}
	for _, p := range patches {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		after, changed, deleted, moved, err := applyPatch(root, cur, p)
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

		var before, now *report.Report
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

		info := report.PatchInfo{Subject: p.Subject, File: p.Source}
		seen := map[string]int{}
		var added []report.Finding
		if before != nil {
			for _, f := range before.Findings {
				seen[gateKey(&f)]++
			}
			for _, fe := range before.Failed {
				fe.Message = "before patch: " + fe.Message
				failed[fe] = true
			}
		}
		var stayed map[int]bool // after-findings matched by moving lines
		if before != nil && now != nil {
			stayed = matchMoved(before.Findings, now.Findings, seen, root, moved)
		}
		if now != nil {
			for i, f := range now.Findings {
				k := gateKey(&f)
				if stayed[i] {
					continue
				}
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
		report.SortByLocation(added)
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

// matchMoved pairs the findings of the files a patch modified in place
// that it did not change: the same rule, function and message (numbers
// aside), at the line the patch moved the old one to. Their fingerprints
// may differ (lines added or removed above them in the same function move
// their offset), and two identical findings are told apart by where each
// came from. It consumes the pairs' before-keys in seen and returns the
// indices of the after-findings it matched; the others are left to the
// fingerprints.
func matchMoved(before, after []report.Finding, seen map[string]int, root string, moved map[string]lineMap) map[int]bool {
	if len(moved) == 0 {
		return nil
	}
	type key struct {
		rule, file, function, message string
		line                          int
	}
	pending := map[key][]int{} // before-findings by where they now are
	for i := range before {
		f := &before[i]
		lm, ok := moved[filepath.Join(root, filepath.FromSlash(f.Loc.File))]
		if !ok {
			continue
		}
		if l := lm.at(f.Loc.Line); l > 0 {
			k := key{f.Rule, f.Loc.File, f.Function, report.NormalizeMessage(f.Message), l}
			pending[k] = append(pending[k], i)
		}
	}
	out := map[int]bool{}
	for j := range after {
		f := &after[j]
		k := key{f.Rule, f.Loc.File, f.Function, report.NormalizeMessage(f.Message), f.Loc.Line}
		is := pending[k]
		if len(is) == 0 {
			continue
		}
		b := &before[is[0]]
		pending[k] = is[1:]
		if seen[gateKey(b)] > 0 {
			seen[gateKey(b)]--
		}
		out[j] = true
	}
	return out
}

// gateKey matches a finding before and after a patch: its fingerprint, or
// its position if the run set none.
func gateKey(f *report.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return fmt.Sprintf("%s\x00%s\x00%d\x00%s", f.Rule, f.Loc.File, f.Loc.Line, f.Message)
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
	diff, err := gitOutput(ctx, repoDir, append(gitDiff, rev, "--")...)
	if err != nil {
		return nil, nil, fmt.Errorf("--diff %s: %v", rev, err)
	}
	files, _, err := gitdiff.Parse(bytes.NewReader(diff))
	if err != nil {
		return nil, nil, fmt.Errorf("--diff %s: reading git diff: %v", rev, err)
	}
	p = &Patch{Subject: "changes since " + rev, Source: "git diff " + rev, Files: files}
	return p, revisionOverlay(ctx, repoDir, rev, []*Patch{p}, base), nil
}

// gitDiff is `git diff` with the options that pin down what user
// configuration could change: prefixes, color, external diff drivers,
// rename detection, paths relative to the directory git runs in. The
// revisions and "--" follow.
var gitDiff = []string{"-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "diff.suppressBlankEmpty=false",
	"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--binary", "-M", "--relative",
	"--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=all", "--end-of-options"}

// RangePatches supports --range A..B: it makes a Patch of each commit of
// the git range in the checkout repoDir, oldest first, labelled with the
// commit's subject, and returns them with the overlay that shows the files
// they touch as they were before the first one, layered on base. Gate on
// (repoDir, before, patches) then judges each commit as a patch of a series.
//
// The checkout must be at B (HEAD's tree is B's): the files the range does
// not touch are read from the working tree, and they are B's as they were
// before the range. A range is a linear series: a merge commit in it is an
// error. Paths are relative to repoDir.
func RangePatches(ctx context.Context, repoDir, rng string, base *cparse.Overlay) (patches []*Patch, before *cparse.Overlay, err error) {
	if base == nil {
		base = cparse.NewOverlay()
	}
	a, b, ok := strings.Cut(rng, "..")
	if !ok || a == "" || b == "" || strings.HasPrefix(b, ".") {
		return nil, nil, fmt.Errorf("--range %s: want A..B, two commits", rng)
	}
	trees := map[string]string{}
	for _, rev := range []string{a, b, "HEAD"} {
		tree, err := gitOutput(ctx, repoDir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}^{tree}")
		if err != nil {
			return nil, nil, fmt.Errorf("--range %s: %s is not a commit in %s", rng, rev, repoDir)
		}
		trees[rev] = strings.TrimSpace(string(tree))
	}
	if trees["HEAD"] != trees[b] {
		return nil, nil, fmt.Errorf("--range %s: the checkout is not at %s (the files the range does not touch are read from it): check out %s first", rng, b, b)
	}
	log, err := gitOutput(ctx, repoDir, "log", "--reverse", "--topo-order", "--no-color", "--format=%H%x00%P%x00%s", "--end-of-options", a+".."+b, "--")
	if err != nil {
		return nil, nil, fmt.Errorf("--range %s: %v", rng, err)
	}
	type commit struct{ id, parent, subject string }
	var commits []commit
	for _, line := range strings.Split(strings.TrimSuffix(string(log), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "\x00", 3)
		if len(f) != 3 {
			return nil, nil, fmt.Errorf("--range %s: unexpected git log line %q", rng, line)
		}
		if parents := strings.Fields(f[1]); len(parents) != 1 {
			return nil, nil, fmt.Errorf("--range %s: commit %.12s %q has %d parents: --range takes a linear series", rng, f[0], f[2], len(parents))
		}
		commits = append(commits, commit{f[0], strings.TrimSpace(f[1]), f[2]})
	}
	for i, c := range commits {
		if i > 0 && c.parent != commits[i-1].id {
			return nil, nil, fmt.Errorf("--range %s: commit %.12s %q does not follow %.12s: --range takes a linear series", rng, c.id, c.subject, commits[i-1].id)
		}
		diff, err := gitOutput(ctx, repoDir, append(gitDiff, c.parent, c.id, "--")...)
		if err != nil {
			return nil, nil, fmt.Errorf("--range %s: %v", rng, err)
		}
		files, _, err := gitdiff.Parse(bytes.NewReader(diff))
		if err != nil {
			return nil, nil, fmt.Errorf("--range %s: commit %.12s: reading git diff: %v", rng, c.id, err)
		}
		patches = append(patches, &Patch{Subject: c.subject, Source: "commit " + c.id[:12], Files: files})
	}
	if len(patches) == 0 {
		return nil, nil, fmt.Errorf("--range %s: no commits in the range", rng)
	}
	return patches, revisionOverlay(ctx, repoDir, commits[0].parent, patches, base), nil
}

// revisionOverlay returns base with the files the patches touch as they
// are at rev (deleted when rev has none).
func revisionOverlay(ctx context.Context, repoDir, rev string, patches []*Patch, base *cparse.Overlay) *cparse.Overlay {
	before := base.Clone()
	done := map[string]bool{}
	for _, p := range patches {
		for _, f := range p.Files {
			for _, name := range []string{f.OldName, f.NewName} {
				if name == "" || done[name] {
					continue
				}
				done[name] = true
				abs := filepath.Join(repoDir, filepath.FromSlash(name))
				// "REV:./name" is relative to repoDir, like --relative.
				content, err := gitOutput(ctx, repoDir, "cat-file", "blob", rev+":./"+path.Clean(name))
				if err != nil {
					before.Delete(abs) // not in rev: created since
					continue
				}
				before.Set(abs, content)
			}
		}
	}
	return before
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

// oneLineErr is err's message on one line: go-gitdiff and net/mail errors
// may span lines, and every error pcslint prints is one.
func oneLineErr(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
