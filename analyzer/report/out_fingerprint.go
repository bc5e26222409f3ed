package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Fingerprint identifies a finding across edits that do not touch it. It
// hashes the rule, the enclosing function, the message with its free-standing
// numbers replaced by N (messages quote line numbers and counts that move
// when unrelated code moves) and the finding's line offset inside its
// function. Absolute line numbers and the file name are deliberately left
// out: lines added above the function, or a rename of the file, keep the
// fingerprint. The result is 32 lowercase hex digits.
func Fingerprint(rule, function, message string, lineInFunc int) string {
	h := sha256.New()
	// Fields are NUL separated so that ("ab", "c") and ("a", "bc") differ;
	// the version tag lets a future change of the recipe start afresh.
	for _, s := range []string{"pcslint-fp/1", rule, function, NormalizeMessage(message), strconv.Itoa(lineInFunc)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// NormalizeMessage, the message as fingerprints see it, replaces runs of digits that are not part of an
// identifier (so "line 42" and "core.c:42" change but "u32" and "eth0" do
// not) with N, and collapses white space.
func NormalizeMessage(msg string) string {
	var b strings.Builder
	prevIdent := false // previous byte is a letter, digit kept as such, or '_'
	space := false
	for i := 0; i < len(msg); {
		c := msg[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			prevIdent = false
			i++
			continue
		case isDigit(c) && !prevIdent:
			for i < len(msg) && isDigit(msg[i]) {
				i++
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte('N')
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
		prevIdent = c == '_' || isDigit(c) || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		i++
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
