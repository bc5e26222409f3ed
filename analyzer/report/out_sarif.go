package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/mod/semver"
)

const (
	// InformationURI is the tool's home in SARIF's tool.driver.
	InformationURI = "https://github.com/pcslint/pcslint"
	// srcRoot is the uriBaseId of every location; originalUriBaseIds maps
	// it to Report.Root, and GitHub code scanning maps it to the checkout.
	srcRoot = "%SRCROOT%"
	// GitHub code scanning rejects runs with more results; past them,
	// output is cut deterministically and the run's properties say so.
	// (Its cap of 10 is on a result's locations, which pcslint gives one;
	// related locations are not capped.)
	maxSARIFResults = 25000
	// sarifSchemaURI is the $schema of the logs, the one CodeQL writes;
	// it resolves to the SARIF 2.1.0 schema.
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// FingerprintKey is the partialFingerprints key of pcslint's own
	// fingerprint (Fingerprint). GitHub computes primaryLocationLineHash
	// itself from the source, and upload-sarif warns when a tool writes
	// it; logs of pcslint before this key carry the fingerprint there
	// (legacyFingerprintKey), which the readers still accept.
	FingerprintKey       = "pcslint/v1"
	legacyFingerprintKey = "primaryLocationLineHash"
	// relatedFlowKind marks, in a codeFlow's properties, the flow that
	// shows the related locations a message could not link (not a path).
	relatedFlowKind = "related"
)

// automationID is the run's automationDetails.id: GitHub code scanning
// keeps one set of alerts per category (the id up to its last slash), so
// a gate's findings (what one change introduces) never close the alerts
// of full scans.
func automationID(r *Report) string {
	if len(r.Patches) > 0 {
		return "pcslint/gate/"
	}
	return "pcslint/scan/"
}

// WriteSARIF writes r as a SARIF 2.1.0 log with one run, built with
// go-sarif, for GitHub code scanning and the VS Code SARIF viewer
// (docs/sarif.md). Rules come from Report.Rules (plus a bare descriptor for a rule
// a finding names but Rules lacks), deduplicated and sorted by id, with
// the properties GitHub reads (ruleProperties); results keep the report's
// order, their messages link their related locations (sarifResult). Suppressed findings stay, with an inSource
// suppression. Files parsed in degraded mode become warning notifications
// ("parsed in degraded mode: ..."). Failed files become error notifications of the invocation,
// whose executionSuccessful is false if any file failed.
//
// Report.Absent is not written: GitHub code scanning ignores baselineState
// and would raise absent results as alerts; the JSON output lists them.
// Columns are Location's byte columns, which are the code points SARIF
// expects on ASCII lines (nearly all kernel source).
//
// The log holds no time stamps, host names or absolute paths other than
// Root, so the same report always gives the same bytes: start and end
// times of the invocation are left out on purpose.
func WriteSARIF(w io.Writer, r *Report) error {
	run := sarif.NewRunWithInformationURI("pcslint", InformationURI)
	if r.ToolVersion != "" {
		run.Tool.Driver.WithVersion(r.ToolVersion)
		if sv := semanticVersion(r.ToolVersion); sv != "" {
			run.Tool.Driver.WithSemanticVersion(sv)
		}
	}
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(automationID(r)))
	if r.Root != "" {
		root := filepath.ToSlash(r.Root)
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		u := url.URL{Scheme: "file", Path: root}
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			srcRoot: *sarif.NewArtifactLocation().WithURI(u.String()),
		})
	}

	ruleIndex := sarifRules(run, r)

	artifactIndex := map[string]int{}
	for i, f := range r.Files {
		artifactIndex[f] = i
		loc := sarifArtifactLocation(f, artifactIndex)
		run.AddArtifact(sarif.NewArtifact().WithLocation(loc).WithRoles([]string{"analysisTarget"}))
	}

	props := sarif.NewPropertyBag()
	if r.TreeKind != "" {
		props.Add("pcslint/treeKind", r.TreeKind)
	}
	if len(r.Patches) > 0 {
		var ps []map[string]any
		for _, p := range r.Patches {
			ps = append(ps, map[string]any{"subject": p.Subject, "file": p.File, "new": p.New, "fixed": p.Fixed})
		}
		props.Add("pcslint/patches", ps)
	}

	findings := r.Findings
	if len(findings) > maxSARIFResults {
		props.Add("pcslint/resultsTruncated", map[string]int{"total": len(findings), "kept": maxSARIFResults})
		findings = findings[:maxSARIFResults]
	}
	for i := range findings {
		f := &findings[i]
		run.AddResult(sarifResult(f, ruleIndex[f.Rule], artifactIndex))
	}
	if len(props.Properties) > 0 {
		run.WithProperties(props)
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Failed) == 0)
	for _, d := range r.Degraded {
		n := sarif.NewNotification().
			WithLevel(sarif.LevelWarning).
			WithMessage(sarif.NewTextMessage(DegradedMessage(d))).
			AddLocation(sarifLocation(Location{File: d.File}, artifactIndex))
		inv.AddToolExecutionNotification(n)
	}
	for _, fe := range r.Failed {
		n := sarif.NewNotification().
			WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage("cannot analyze: " + fe.Message)).
			AddLocation(sarifLocation(Location{File: fe.File, Line: fe.Line, Col: fe.Col}, artifactIndex))
		inv.AddToolExecutionNotification(n)
	}
	run.AddInvocation(inv)

	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)
	var raw bytes.Buffer
	if err := log.Write(&raw); err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	out, err := pruneSARIF(raw.Bytes())
	if err != nil {
		return fmt.Errorf("writing SARIF: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// pruneSARIF drops what go-sarif writes for unset fields: the -1 "unset
// index" sentinels (SARIF §3.4) and empty arrays and objects, except the
// results array, which a log of a scan must have. They mean the same as an
// absent property, but they triple the size of a result, and GitHub
// rejects uploads over 10 MB compressed; sarif-multitool warns about them
// (SARIF2004). Member order is kept; property bags are left alone.
func pruneSARIF(in []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	root, err := parseJSONNode(dec)
	if err != nil {
		return nil, err
	}
	root.prune()
	var compact, out bytes.Buffer
	root.write(&compact)
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// sentinelKeys are the SARIF properties whose -1 means "unset".
var sentinelKeys = map[string]bool{
	"index": true, "parentIndex": true, "executionOrder": true, "id": true,
	"rank": true, "byteOffset": true, "charOffset": true, "length": true,
}

// jsonNode is a JSON value that keeps the order of object members.
type jsonNode struct {
	delim byte // '{', '[' or 0 for a scalar
	keys  []string
	kids  []*jsonNode
	lit   []byte // encoded scalar
}

func parseJSONNode(dec *json.Decoder) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	n := &jsonNode{}
	switch t := tok.(type) {
	case json.Delim:
		n.delim = byte(t)
		for dec.More() {
			if n.delim == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			kid, err := parseJSONNode(dec)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
		}
		if _, err := dec.Token(); err != nil { // closing delimiter
			return nil, err
		}
	case json.Number:
		n.lit = []byte(t)
	default:
		n.lit, err = marshalNoEscape(t)
	}
	return n, err
}

func (n *jsonNode) prune() {
	var keys []string
	var kids []*jsonNode
	for i, kid := range n.kids {
		if n.delim == '{' {
			k := n.keys[i]
			if k != "properties" {
				kid.prune()
			}
			if (sentinelKeys[k] && string(kid.lit) == "-1") || (kid.delim != 0 && len(kid.kids) == 0 && k != "results") {
				continue
			}
			keys = append(keys, k)
		} else {
			kid.prune()
		}
		kids = append(kids, kid)
	}
	n.keys, n.kids = keys, kids
}

func (n *jsonNode) write(b *bytes.Buffer) {
	if n.delim == 0 {
		b.Write(n.lit)
		return
	}
	b.WriteByte(n.delim)
	for i, kid := range n.kids {
		if i > 0 {
			b.WriteByte(',')
		}
		if n.delim == '{' {
			k, _ := marshalNoEscape(n.keys[i])
			b.Write(k)
			b.WriteByte(':')
		}
		kid.write(b)
	}
	b.WriteByte(n.delim + 2) // '{'+2 == '}', '['+2 == ']'
}

// marshalNoEscape encodes v without escaping <, > and & (messages quote
// "pcs->ops" and "<linux/pcs.h>").
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// sarifRules fills tool.driver.rules and returns each rule's index.
func sarifRules(run *sarif.Run, r *Report) map[string]int {
	infos := map[string]RuleInfo{}
	for _, ri := range r.Rules {
		if _, dup := infos[ri.ID]; !dup && ri.ID != "" {
			infos[ri.ID] = ri
		}
	}
	for _, f := range append(append([]Finding(nil), r.Findings...), r.Absent...) {
		if _, ok := infos[f.Rule]; !ok {
			infos[f.Rule] = RuleInfo{ID: f.Rule, Level: f.Level}
		}
	}
	ids := make([]string, 0, len(infos))
	for id := range infos {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	for i, id := range ids {
		ri := infos[id]
		index[id] = i
		rule := run.AddRule(id).WithName(ruleName(id))
		// GitHub requires both descriptions and a help text: a rule known
		// only by its id (a finding names it, a log read back lacks it)
		// is described by its id.
		short := firstNonEmpty(ri.Short, id)
		full := firstNonEmpty(ri.Full, short)
		rule.WithShortDescription(sarif.NewMultiformatMessageString().WithText(short))
		rule.WithFullDescription(sarif.NewMultiformatMessageString().WithText(full))
		help := sarif.NewMultiformatMessageString().WithText(full)
		if ri.Markdown != "" {
			help.WithMarkdown(ri.Markdown)
		}
		rule.WithHelp(help)
		if ri.HelpURI != "" {
			rule.WithHelpURI(ri.HelpURI)
		}
		level := ri.Level
		if level == "" {
			level = LevelWarning
		}
		rule.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(string(level)))
		rule.WithProperties(ruleProperties(ri, level))
	}
	return index
}

// ruleProperties are the rule's tags and what GitHub code scanning reads
// from the property bag: problem.severity from its level, and for a rule
// with a standing its precision, security-severity and the security and
// CWE tags (standingTags).
func ruleProperties(ri RuleInfo, level Level) *sarif.PropertyBag {
	props := sarif.NewPropertyBag()
	props.Add("problem.severity", problemSeverity(level))
	if ri.Precision != "" {
		props.Add("precision", ri.Precision)
		props.Add("security-severity", ri.SecuritySeverity)
	}
	return props.WithTags(mergeTags(ri.Tags, standingTags(ri)))
}

// sarifResult converts a finding. The message links the related
// locations it names (linkMessage); those it cannot link are shown in a
// code flow of their own, unless the finding's path already passes there,
// so that every viewer shows all of them.
func sarifResult(f *Finding, ruleIndex int, artifacts map[string]int) *sarif.Result {
	level := f.Level
	if level == "" {
		level = LevelWarning
	}
	text, linked := linkMessage(f.Message, f.Related)
	res := sarif.NewRuleResult(f.Rule).
		WithRuleIndex(ruleIndex).
		WithLevel(string(level)).
		WithMessage(sarif.NewTextMessage(text))
	loc := sarifLocation(f.Loc, artifacts)
	if f.Function != "" {
		loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(f.Function).WithFullyQualifiedName(f.Function).WithKind("function"))
	}
	res.AddLocation(loc)

	for i, rel := range f.Related {
		res.AddRelatedLocation(sarifLocation(rel.Loc, artifacts).WithID(i + 1).WithMessage(sarif.NewTextMessage(rel.Message)))
	}

	if len(f.Path) > 0 {
		tf := sarif.NewThreadFlow()
		for _, st := range f.Path {
			l := sarifLocation(st.Loc, artifacts)
			if st.Message != "" {
				l.WithMessage(sarif.NewTextMessage(st.Message))
			}
			tf.AddLocation(sarif.NewThreadFlowLocation().WithLocation(l))
		}
		res.AddCodeFlow(sarif.NewCodeFlow().AddThreadFlow(tf))
	}
	if unshownRelated(f, linked) {
		tf := sarif.NewThreadFlow()
		for _, rel := range f.Related {
			l := sarifLocation(rel.Loc, artifacts).WithMessage(sarif.NewTextMessage(rel.Message))
			tf.AddLocation(sarif.NewThreadFlowLocation().WithLocation(l))
		}
		res.AddCodeFlow(sarif.NewCodeFlow().AddThreadFlow(tf).
			WithMessage(sarif.NewTextMessage("related locations")).
			WithProperties(sarif.NewPropertyBag().Add("pcslint/flow", relatedFlowKind)))
	}

	if f.Fingerprint != "" {
		res.WithPartialFingerprints(map[string]string{FingerprintKey: f.Fingerprint})
	}
	if f.Suppressed {
		s := sarif.NewSuppression().WithKind("inSource")
		if f.Justification != "" {
			s.WithJustification(f.Justification)
		}
		res.AddSuppression(s)
	}
	for _, fx := range f.Fixes {
		if fix := sarifFix(fx, artifacts); fix != nil {
			res.AddFixe(fix)
		}
	}
	if f.BaselineState != "" {
		res.WithBaselineState(f.BaselineState)
	}
	if f.Patch != "" {
		res.WithProperties(sarif.NewPropertyBag().Add("patch", f.Patch))
	}
	return res
}

// unshownRelated is whether a related location of f is neither linked
// from its message nor a step of its path.
func unshownRelated(f *Finding, linked []bool) bool {
	onPath := map[Location]bool{}
	for _, st := range f.Path {
		onPath[st.Loc] = true
	}
	for i, rel := range f.Related {
		if !linked[i] && !onPath[rel.Loc] {
			return true
		}
	}
	return false
}

// sarifFix groups a fix's edits by file, in the order files first appear.
func sarifFix(fx Fix, artifacts map[string]int) *sarif.Fix {
	if len(fx.Edits) == 0 {
		return nil // SARIF requires at least one artifactChange
	}
	fix := sarif.NewFix()
	if fx.Description != "" {
		fix.WithDescription(sarif.NewTextMessage(fx.Description))
	}
	changes := map[string]*sarif.ArtifactChange{}
	for _, e := range fx.Edits {
		ch := changes[e.Start.File]
		if ch == nil {
			ch = sarif.NewArtifactChange().WithArtifactLocation(sarifArtifactLocation(e.Start.File, artifacts))
			changes[e.Start.File] = ch
			fix.AddArtifactChange(ch)
		}
		end := editEnd(e)
		region := sarif.NewRegion().WithStartLine(e.Start.Line).WithStartColumn(max(e.Start.Col, 1)).
			WithEndLine(end.Line).WithEndColumn(max(end.Col, 1))
		rep := sarif.NewReplacement().WithDeletedRegion(region)
		if e.Text != "" {
			rep.WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text))
		}
		ch.AddReplacement(rep)
	}
	return fix
}

// sarifLocation is a physical location relative to %SRCROOT%; line 0 means
// the whole file.
func sarifLocation(l Location, artifacts map[string]int) *sarif.Location {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarifArtifactLocation(l.File, artifacts))
	if l.Line > 0 {
		reg := sarif.NewRegion().WithStartLine(l.Line)
		if l.Col > 0 {
			reg.WithStartColumn(l.Col)
		}
		if l.EndLine > 0 {
			reg.WithEndLine(l.EndLine)
		}
		if l.EndCol > 0 {
			reg.WithEndColumn(l.EndCol)
		}
		pl.WithRegion(reg)
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// sarifArtifactLocation is file's relative URI; index points into
// run.artifacts when the file was analyzed.
func sarifArtifactLocation(file string, artifacts map[string]int) *sarif.ArtifactLocation {
	u := url.URL{Path: filepath.ToSlash(file)}
	al := sarif.NewArtifactLocation().WithURI(u.String()).WithURIBaseID(srcRoot)
	if i, ok := artifacts[file]; ok {
		al.WithIndex(i)
	}
	return al
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// semanticVersion is v in SemVer 2.0 form for SARIF's
// tool.driver.semanticVersion ("v0.2.0" -> "0.2.0"), or "" when v is not a
// module version (a commit, "devel"): SARIF requires the field to be SemVer.
// Go's shorthands "v1" and "v1.2" are not full SemVer and give "" too.
func semanticVersion(v string) string {
	core, _, _ := strings.Cut(v, "+")
	if !semver.IsValid(v) || semver.Canonical(v) != core {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}
