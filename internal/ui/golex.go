package ui

import (
	"go/scanner"
	"go/token"

	"github.com/alecthomas/chroma/v2"
)

// goTokens splits Go source into chroma tokens with the standard library's own scanner. It
// replaces chroma's lexers package, whose start-up reads all of its ~280 embedded lexers in every
// pdbgo process (line mode included): +4.5 MiB of peak memory and +15 ms to start, for the one
// language pdbgo shows. The text of the tokens, gaps included, is the source unchanged.
func goTokens(src string) []chroma.Token {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)

	type lexeme struct {
		off, end int
		tok      token.Token
	}
	var lexemes []lexeme
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit != ";" {
			continue // inserted at a line end: not in the text
		}
		off := file.Offset(pos)
		n := len(lit)
		if n == 0 {
			n = len(tok.String())
		}
		lexemes = append(lexemes, lexeme{off, min(off+n, len(src)), tok})
	}

	out := make([]chroma.Token, 0, 2*len(lexemes)+1)
	at := 0
	for i, l := range lexemes {
		if l.off < at {
			continue
		}
		if l.off > at {
			out = append(out, chroma.Token{Type: chroma.Text, Value: src[at:l.off]})
		}
		text := src[l.off:l.end]
		nextIsCall := i+1 < len(lexemes) && lexemes[i+1].tok == token.LPAREN
		out = append(out, chroma.Token{Type: goTokenType(l.tok, text, nextIsCall), Value: text})
		at = l.end
	}
	if at < len(src) {
		out = append(out, chroma.Token{Type: chroma.Text, Value: src[at:]})
	}
	return out
}

var goBuiltinTypes = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}

var goBuiltinFuncs = map[string]bool{
	"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
	"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"panic": true, "print": true, "println": true, "real": true, "recover": true,
}

func goTokenType(tok token.Token, text string, nextIsCall bool) chroma.TokenType {
	switch {
	case tok == token.COMMENT:
		return chroma.Comment
	case tok == token.STRING || tok == token.CHAR:
		return chroma.LiteralString
	case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
		return chroma.LiteralNumber
	case tok.IsKeyword():
		return chroma.Keyword
	case tok != token.IDENT:
		return chroma.Punctuation
	case text == "true" || text == "false" || text == "nil" || text == "iota":
		return chroma.KeywordConstant
	case goBuiltinTypes[text]:
		return chroma.KeywordType
	case goBuiltinFuncs[text] && nextIsCall:
		return chroma.NameBuiltin
	case nextIsCall:
		return chroma.NameFunction
	}
	return chroma.Name
}
