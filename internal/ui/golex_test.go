package ui

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

func TestGoTokens(t *testing.T) {
	src := "package main\n\n// sum adds\nfunc sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs { total += x }\n\ts := \"héllo\" + `raw`\n\tif len(xs) == 0 && xs != nil { panic(3.5) }\n\treturn total\n}\n/* unterminated"
	toks := goTokens(src)
	var b strings.Builder
	types := map[string]chroma.TokenType{}
	for _, tok := range toks {
		b.WriteString(tok.Value)
		types[tok.Value] = tok.Type
	}
	if b.String() != src {
		t.Fatalf("the tokens do not spell the source:\n%q\n%q", b.String(), src)
	}
	for text, want := range map[string]chroma.TokenType{
		"package": chroma.Keyword, "func": chroma.Keyword, "range": chroma.Keyword,
		"// sum adds": chroma.Comment, `"héllo"`: chroma.LiteralString, "`raw`": chroma.LiteralString,
		"0": chroma.LiteralNumber, "3.5": chroma.LiteralNumber,
		"int": chroma.KeywordType, "nil": chroma.KeywordConstant, "len": chroma.NameBuiltin,
		"panic": chroma.NameBuiltin, "sum": chroma.NameFunction, "total": chroma.Name,
	} {
		if got := types[text]; got != want {
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
