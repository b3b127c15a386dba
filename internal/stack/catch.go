package stack

import (
	"regexp"
	"strings"
)

// PanicSite returns the index of the frame that raised the newest panic on a stack whose
// innermost runtime.gopanic is that panic's: the first frame below it that is not hidden (below
// runtime.goPanicIndex, runtime.sigpanic...); -1 when there is none.
func PanicSite(frames []Frame) int {
	for i, f := range frames {
		if isPanicCall(f) {
			return firstVisibleFrom(frames, i+1)
		}
	}
	return -1
}

// PackagePattern matches import paths as the go command's package patterns do: "..." matches
// any string (so "..." alone matches every package), and a pattern ending in "/..." matches
// the path before it too ("net/..." matches net and net/http).
type PackagePattern struct {
	text string
	re   *regexp.Regexp
}

// NewPackagePattern compiles a package pattern.
func NewPackagePattern(pattern string) PackagePattern {
	expr := regexp.QuoteMeta(pattern)
	expr = strings.ReplaceAll(expr, `\.\.\.`, `.*`)
	if strings.HasSuffix(expr, `/.*`) {
		expr = strings.TrimSuffix(expr, `/.*`) + `(/.*)?`
	}
	return PackagePattern{text: pattern, re: regexp.MustCompile(`^(?:` + expr + `)$`)}
}

// Match reports whether the import path pkg matches.
func (p PackagePattern) Match(pkg string) bool { return p.re.MatchString(pkg) }

// String is the pattern as written.
func (p PackagePattern) String() string { return p.text }
