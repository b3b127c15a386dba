package ui

import (
	"strings"
	"testing"
)

func TestGoTokens(t *testing.T) {
	src := "package main\n\n// sum adds\nfunc sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs { total += x }\n\ts := \"héllo\" + `raw`\n\tif len(xs) == 0 && xs != nil { panic(3.5) }\n\treturn total\n}\n/* unterminated"
	toks := goTokens(src)
	var b strings.Builder
	kinds := map[string]tokenKind{}
	for _, tok := range toks {
		b.WriteString(tok.Value)
		kinds[tok.Value] = tok.Kind
	}
	if b.String() != src {
		t.Fatalf("the tokens do not spell the source:\n%q\n%q", b.String(), src)
	}
	for text, want := range map[string]tokenKind{
		"package": tokKeyword, "func": tokKeyword, "range": tokKeyword,
		"// sum adds": tokComment, `"héllo"`: tokString, "`raw`": tokString,
		"0": tokNumber, "3.5": tokNumber,
		"int": tokType, "nil": tokConstant, "len": tokBuiltin,
		"panic": tokBuiltin, "sum": tokFunction, "total": tokPlain,
	} {
		if got := kinds[text]; got != want {
			t.Errorf("%q is %v, want %v", text, got, want)
		}
	}
}

func TestHighlightKeepsLines(t *testing.T) {
	lines := []string{"package main", "", "func main() {", "\tprintln(\"a\\nb\")", "}"}
	got := highlight("x/main.go", lines)
	if len(got) != len(lines) {
		t.Fatalf("%d lines for %d", len(got), len(lines))
	}
	if plain := highlight("asm_amd64.s", lines); strings.Join(plain, "\n") != strings.Join(lines, "\n") {
		t.Error("a file that is not Go is changed")
	}
}
