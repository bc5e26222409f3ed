package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// What GitHub code scanning documents for uploaded SARIF ("SARIF support
// for code scanning" and its upload limits), checked on the demo's log.
const (
	ghMaxRuns          = 20
	ghMaxResults       = 25000
	ghMaxRules         = 25000
	ghMaxTags          = 20
	ghMaxLocations     = 10
	ghMaxFlowLocations = 10000
)

var (
	ghPrecisions      = map[string]bool{"very-high": true, "high": true, "medium": true, "low": true}
	ghProblemSeverity = map[string]string{"error": "error", "warning": "warning", "note": "recommendation"}
	// SARIF 2.1.0's schema, as published by OASIS and by schemastore.
	schemaURIs = map[string]bool{
		"https://json.schemastore.org/sarif-2.1.0.json":                                              true,
		"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json": true,
	}
	cweTag     = regexp.MustCompile(`^external/cwe/cwe-[0-9]+$`)
	semver     = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.+-]+)?$`)
	hex32      = regexp.MustCompile(`^[0-9a-f]{32}$`)
	pascalCase = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	// an embedded link of SARIF 2.1.0 §3.11.6: escaped characters in its
	// text, a decimal id
	embeddedLink = regexp.MustCompile(`(^|[^\\])\[((?:[^\[\]\\]|\\.)*)\]\(([0-9]+)\)`)
	sarifEscape  = regexp.MustCompile(`\\([\\\[\]])`)
)

// plainText is a SARIF message's text without link markup and escapes.
func plainText(s string) string {
	s = embeddedLink.ReplaceAllString(s, "$1$2")
	return sarifEscape.ReplaceAllString(s, "$1")
}

type sarifLoc struct {
	ID               int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine, StartColumn, EndLine, EndColumn int
		} `json:"region"`
	} `json:"physicalLocation"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
}

type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations           []sarifLoc        `json:"locations"`
			RelatedLocations    []sarifLoc        `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			CodeFlows           []struct {
				ThreadFlows []struct {
					Locations []struct {
						Location sarifLoc `json:"location"`
					} `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
		} `json:"results"`
	} `json:"runs"`
}

// TestDemoSARIFForGitHub checks `pcslint -demo --format sarif` against the
// SARIF 2.1.0 schema and what GitHub code scanning documents and reads:
// every property pcslint writes for it, and that every result shows its
// related locations where the viewers look.
func TestDemoSARIFForGitHub(t *testing.T) {
	schema, err := os.ReadFile("../../analyzer/report/testdata/sarif-schema-2.1.0.json") // before runIn's chdir
	if err != nil {
		t.Fatal(err)
	}
	out := demo(t, "--format", "sarif")
	validateSARIFSchema(t, schema, []byte(out))
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if !schemaURIs[log.Schema] {
		t.Errorf("$schema %q is not a SARIF 2.1.0 schema's address", log.Schema)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs) > ghMaxRuns {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	_, version, _ := runIn(t, t.TempDir(), "--version")
	if drv.Name != "pcslint" || "pcslint "+drv.Version+"\n" != version {
		t.Errorf("tool %q %q; --version says %q", drv.Name, drv.Version, version)
	}
	// SemVer when the version is a module version (a release or a
	// pseudo-version), absent for a commit or a development build
	if want := strings.TrimPrefix(drv.Version, "v"); semver.MatchString(want) && strings.HasPrefix(drv.Version, "v") {
		if drv.SemanticVersion != want {
			t.Errorf("semanticVersion %q, want %q for version %q", drv.SemanticVersion, want, drv.Version)
		}
	} else if drv.SemanticVersion != "" {
		t.Errorf("semanticVersion %q for version %q, which is no module version", drv.SemanticVersion, drv.Version)
	}
	if run.AutomationDetails.ID != "pcslint/scan/" {
		t.Errorf("automationDetails.id %q, want pcslint/scan/", run.AutomationDetails.ID)
	}

	if len(drv.Rules) == 0 || len(drv.Rules) > ghMaxRules {
		t.Fatalf("%d rules", len(drv.Rules))
	}
	ruleAt := map[string]int{}
	for i, r := range drv.Rules {
		ruleAt[r.ID] = i
		var want strings.Builder
		for _, w := range strings.Split(r.ID, "-") {
			want.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
		if r.Name != want.String() || !pascalCase.MatchString(r.Name) {
			t.Errorf("rule %s: name %q, want %q", r.ID, r.Name, want.String())
		}
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") {
			t.Errorf("rule %s: a description, its help or its helpUri is missing", r.ID)
		}
		p := r.Properties
		if got, want := p["problem.severity"], ghProblemSeverity[r.DefaultConfiguration.Level]; got != want {
			t.Errorf("rule %s: problem.severity %v, want %q for level %s", r.ID, got, want, r.DefaultConfiguration.Level)
		}
		if prec, _ := p["precision"].(string); !ghPrecisions[prec] {
			t.Errorf("rule %s: precision %v", r.ID, p["precision"])
		}
		sev, _ := p["security-severity"].(string)
		if score, err := strconv.ParseFloat(sev, 64); err != nil || score < 0.1 || score > 10 {
			t.Errorf("rule %s: security-severity %v, want a number from 0.1 to 10.0 in a string", r.ID, p["security-severity"])
		}
		tags, _ := p["tags"].([]any)
		security, cwes := false, 0
		for _, tag := range tags {
			security = security || tag == "security"
			if s, _ := tag.(string); cweTag.MatchString(s) {
				cwes++
			}
		}
		if !security || cwes == 0 || len(tags) > ghMaxTags {
			t.Errorf("rule %s: tags %v: want security, a CWE, at most %d", r.ID, tags, ghMaxTags)
		}
	}

	findings := demoFindings(t)
	if len(run.Results) != len(findings) || len(run.Results) > ghMaxResults {
		t.Fatalf("%d results, %d findings in the JSON output", len(run.Results), len(findings))
	}
	for i, res := range run.Results {
		what := res.RuleID + " at result " + strconv.Itoa(i)
		if at, ok := ruleAt[res.RuleID]; !ok || at != res.RuleIndex {
			t.Errorf("%s: ruleIndex %d, the rule is at %d", what, res.RuleIndex, at)
		}
		// The wording is the text and JSON outputs', links aside.
		if got := plainText(res.Message.Text); got != findings[i].Message {
			t.Errorf("%s: message without its links\n%q\nthe JSON output's\n%q", what, got, findings[i].Message)
		}
		if len(res.Locations) != 1 || len(res.Locations) > ghMaxLocations {
			t.Fatalf("%s: %d locations", what, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		rg := pl.Region
		if pl.ArtifactLocation.URI != findings[i].File || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || rg.StartLine != findings[i].Line || rg.StartColumn != findings[i].Col {
			t.Errorf("%s: location %s %+v, the JSON output's %s:%d:%d", what, pl.ArtifactLocation.URI, rg, findings[i].File, findings[i].Line, findings[i].Col)
		}
		if rg.EndLine < rg.StartLine || (rg.EndLine == rg.StartLine && rg.EndColumn <= rg.StartColumn) {
			t.Errorf("%s: region %+v has no end after its start", what, rg)
		}
		if fp := res.PartialFingerprints["pcslint/v1"]; !hex32.MatchString(fp) {
			t.Errorf("%s: fingerprint pcslint/v1 %q", what, fp)
		}
		if _, ok := res.PartialFingerprints["primaryLocationLineHash"]; ok {
			t.Errorf("%s: pcslint writes GitHub's primaryLocationLineHash", what)
		}
		// Every related location is linked from the message or on a code flow.
		linked := map[int]bool{}
		for _, m := range embeddedLink.FindAllStringSubmatch(res.Message.Text, -1) {
			id, _ := strconv.Atoi(m[3])
			linked[id] = true
		}
		onFlow := map[string]bool{}
		for _, cf := range res.CodeFlows {
			for _, tf := range cf.ThreadFlows {
				if len(tf.Locations) > ghMaxFlowLocations {
					t.Errorf("%s: a thread flow of %d locations", what, len(tf.Locations))
				}
				for _, tl := range tf.Locations {
					k, _ := json.Marshal(tl.Location.PhysicalLocation)
					onFlow[string(k)] = true
				}
			}
		}
		ids := map[int]bool{}
		for _, rl := range res.RelatedLocations {
			ids[rl.ID] = true
			k, _ := json.Marshal(rl.PhysicalLocation)
			if !linked[rl.ID] && !onFlow[string(k)] {
				t.Errorf("%s: related location %d (%q) is neither linked from the message nor on a code flow\nmessage: %s", what, rl.ID, rl.Message.Text, res.Message.Text)
			}
		}
		for id := range linked {
			if !ids[id] {
				t.Errorf("%s: the message links to %d, which is no related location's id", what, id)
			}
		}
	}
}

// validateSARIFSchema validates against the OASIS SARIF 2.1.0 schema
// (errata 01) that the analyzer's tests keep.
func validateSARIFSchema(t *testing.T, schema, out []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the demo's SARIF does not validate: %v", err)
	}
}
