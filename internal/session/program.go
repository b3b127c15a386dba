package session

import (
	"regexp"
	"sort"

	"github.com/pdbgo/pdbgo/internal/stack"
)

// Functions lists the program's own functions: Delve's list of the binary's functions, asked
// only for package main and the main module's packages, less the compiler's wrappers.
func (s *Session) Functions() ([]string, error) {
	module := s.mainModule()
	filter := `^main\.`
	if module != "" {
		filter = `^(main|` + regexp.QuoteMeta(module) + `(/[^.]*)?)\.`
	}
	fns, err := s.client.ListFunctions(filter, 0)
	if err != nil {
		return nil, cleanError(err)
	}
	own := fns[:0]
	for _, fn := range fns {
		if stack.IsOwnFunction(fn, module) {
			own = append(own, fn)
		}
	}
	sort.Strings(own)
	return own, nil
}

// Sources lists the program's own source files: Delve's list of the binary's files less the
// standard library's, the module cache's and the vendored ones.
func (s *Session) Sources() ([]string, error) {
	files, err := s.client.ListSources("")
	if err != nil {
		return nil, cleanError(err)
	}
	goroot := s.goroot()
	own := files[:0]
	for _, f := range files {
		if stack.IsOwnFile(f, goroot) {
			own = append(own, f)
		}
	}
	sort.Strings(own)
	return own, nil
}
