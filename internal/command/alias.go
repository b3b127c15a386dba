package command

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Aliases are pdb's: alias NAME COMMAND makes a line whose first word is NAME run COMMAND,
// %1 to %9 in COMMAND taking the words typed after NAME and %* all of them. The rules are
// pdb's (Lib/pdb.py, precmd and do_alias, Python 3.13), with two differences that keep a line
// from hanging: each alias is expanded at most once in a line (pdb loops forever on
// "alias ll ll -n"; here "ll" then names the command), and ";;" splits the typed line before
// its first word is expanded, so the commands after it are not taken as the alias's arguments.

// maxParam is the highest numbered parameter, %9, as in pdb.
const maxParam = 9

// ExpandAlias expands the first word of line while it names an alias of aliases not yet
// expanded, as pdb does: %N takes the Nth word after the alias's name (an error when that
// word is missing), %* every word after it; without %*, more words than the alias takes are an
// error. A line whose first word names no alias comes back as it is.
func ExpandAlias(aliases map[string]string, line string) (string, error) {
	return expandAlias(aliases, line, nil)
}

// expandAlias is ExpandAlias that does not expand the aliases in done (those a line from an
// alias's command already went through), and adds the ones it expands.
func expandAlias(aliases map[string]string, line string, done map[string]bool) (string, error) {
	args := strings.Fields(line)
	for len(args) > 0 {
		name := args[0]
		body, ok := aliases[name]
		if !ok || done[name] {
			break
		}
		if done == nil {
			done = map[string]bool{}
		}
		done[name] = true
		line = body
		for n := 1; n <= maxParam; n++ {
			param := "%" + strconv.Itoa(n)
			if strings.Contains(line, param) {
				if n >= len(args) {
					return "", fmt.Errorf("not enough arguments for alias %s (%s = %s)", name, name, body)
				}
				line = strings.ReplaceAll(line, param, args[n])
			} else if !strings.Contains(line, "%*") {
				if n < len(args) {
					return "", fmt.Errorf("too many arguments for alias %s (%s = %s)", name, name, body)
				}
				break
			}
		}
		line = strings.ReplaceAll(line, "%*", strings.Join(args[1:], " "))
		args = strings.Fields(line)
	}
	return line, nil
}

// checkParams refuses an alias's command whose parameters skip a number without %* ("p %2"),
// as pdb does: the word that %1 would take could never be given.
func checkParams(body string) error {
	if strings.Contains(body, "%*") {
		return nil
	}
	gap := 0
	for n := 1; n <= maxParam; n++ {
		switch {
		case !strings.Contains(body, "%"+strconv.Itoa(n)):
			if gap == 0 {
				gap = n
			}
		case gap != 0:
			return fmt.Errorf("replaceable parameters must be consecutive: %%%d without %%%d (%%* takes every argument)", n, gap)
		}
	}
	return nil
}

// firstWord is a line's first word.
func firstWord(line string) string {
	if f := strings.Fields(line); len(f) > 0 {
		return f[0]
	}
	return ""
}

// Aliases returns a copy of the aliases defined, name to command.
func (in *Interpreter) Aliases() map[string]string {
	out := make(map[string]string, len(in.aliases))
	for k, v := range in.aliases {
		out[k] = v
	}
	return out
}

func sortedNames(aliases map[string]string) []string {
	names := make([]string, 0, len(aliases))
	for n := range aliases {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (in *Interpreter) cmdAlias(arg string) error {
	words := strings.Fields(arg)
	switch len(words) {
	case 0:
		if len(in.aliases) == 0 {
			in.printf("No aliases.\n")
		}
		for _, n := range sortedNames(in.aliases) {
			in.printf("%s = %s\n", n, in.aliases[n])
		}
		return nil
	case 1:
		body, ok := in.aliases[words[0]]
		if !ok {
			return fmt.Errorf("unknown alias %q: alias lists the aliases", words[0])
		}
		in.printf("%s = %s\n", words[0], body)
		return nil
	}
	name, body := words[0], strings.Join(words[1:], " ")
	if name == "alias" || name == "unalias" {
		return errors.New("alias and unalias cannot be aliased: they would be lost")
	}
	if err := checkParams(body); err != nil {
		return err
	}
	if in.aliases == nil {
		in.aliases = map[string]string{}
	}
	in.aliases[name] = body
	return nil
}

func (in *Interpreter) cmdUnalias(arg string) error {
	words := strings.Fields(arg)
	if len(words) != 1 {
		return errors.New("unalias takes the name of one alias")
	}
	if _, ok := in.aliases[words[0]]; !ok {
		return fmt.Errorf("unknown alias %q: alias lists the aliases", words[0])
	}
	delete(in.aliases, words[0])
	return nil
}
