package gate

// The fixtures the external tests (package gate_test, which may import
// the driver) share with the package's own.
var GateTree = gateTree

const (
	CoverLetter = coverLetter
	Patch1      = patch1
	Patch2      = patch2
)
