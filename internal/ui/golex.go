package ui

import (
	"go/scanner"
	"go/token"
)

// tokenKind is what the source pane colours a piece of Go source as.
type tokenKind uint8

const (
	tokPlain    tokenKind = iota // spaces, punctuation, names: not coloured
	tokKeyword                   // func, range, ...
	tokConstant                  // true, false, nil, iota
	tokType                      // the predeclared types
	tokBuiltin                   // a call of a predeclared function
	tokFunction                  // a call of any other function
	tokString                    // string and rune literals
	tokNumber
	tokComment
)

// goToken is a piece of Go source and its kind.
type goToken struct {
	Kind  tokenKind
	Value string
}

// goTokens splits Go source into tokens with the standard library's own scanner (chroma's
// lexers package, used before, read all of its ~280 embedded lexers at the start of every pdbgo
// process, line mode included: +4.5 MiB of peak memory and +15 ms to start, for the one language
// pdbgo shows). The text of the tokens, gaps included, is the source unchanged.
func goTokens(src string) []goToken {
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

	out := make([]goToken, 0, 2*len(lexemes)+1)
	at := 0
	for i, l := range lexemes {
		if l.off < at {
			continue
		}
		if l.off > at {
			out = append(out, goToken{Kind: tokPlain, Value: src[at:l.off]})
		}
		text := src[l.off:l.end]
		nextIsCall := i+1 < len(lexemes) && lexemes[i+1].tok == token.LPAREN
		out = append(out, goToken{Kind: goTokenKind(l.tok, text, nextIsCall), Value: text})
		at = l.end
	}
	if at < len(src) {
		out = append(out, goToken{Kind: tokPlain, Value: src[at:]})
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

func goTokenKind(tok token.Token, text string, nextIsCall bool) tokenKind {
	switch {
	case tok == token.COMMENT:
		return tokComment
	case tok == token.STRING || tok == token.CHAR:
		return tokString
	case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
		return tokNumber
	case tok.IsKeyword():
		return tokKeyword
	case tok != token.IDENT:
		return tokPlain
	case text == "true" || text == "false" || text == "nil" || text == "iota":
		return tokConstant
	case goBuiltinTypes[text]:
		return tokType
	case goBuiltinFuncs[text] && nextIsCall:
		return tokBuiltin
	case nextIsCall:
		return tokFunction
	}
	return tokPlain
}
