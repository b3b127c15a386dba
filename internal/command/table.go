// Package command is pdbgo's command language: one table of pdb-style commands that line mode,
// the TUI's console, help, completion and the README all read, and the Interpreter that runs
// them against a debug.Debugger. Interpreter.Start brings the program to its first stop (-b
// breakpoints first); Interpreter.Run is the one line-mode loop: the -c commands, then the
// lines read, until quit, the end of input, or for a session the trace package started, the
// program's exit.
package command

import (
	"fmt"
	"sort"
	"strings"
)

// Command is one entry of the table.
type Command struct {
	Names []string // the first is the name; the rest are aliases (pdb's abbreviations)
	Args  string   // argument synopsis, "" when it takes none
	Help  string   // first line: the summary; further lines: details
	Group string   // for help: where it is listed
	run   func(in *Interpreter, arg string) error
	// resumes commands run the program (the TUI refuses them while it runs).
	resumes bool
	// noRepeat commands do not run again on an empty line.
	noRepeat bool
	// repeatAs is what an empty line runs after the command, when not the command itself:
	// after any list, a plain list continues the listing (pdb's way).
	repeatAs string
}

// Name is the command's main name.
func (c *Command) Name() string { return c.Names[0] }

// Summary is the first sentence of the help text, whose lines are wrapped for the terminal:
// a first line alone can stop mid-sentence.
func (c *Command) Summary() string {
	text := strings.Join(strings.Fields(c.Help), " ")
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}

// Usage is "name args".
func (c *Command) Usage() string {
	if c.Args == "" {
		return c.Name()
	}
	return c.Name() + " " + c.Args
}

// Groups in the order help lists them.
var Groups = []string{"Inspect", "Stack", "Run", "Breakpoints", "Goroutines", "Session"}

// Table is every command pdbgo takes.
var Table []*Command

func init() {
	Table = []*Command{
		// Inspect
		{Names: []string{"p", "print"}, Args: "EXPR", Group: "Inspect", run: (*Interpreter).cmdPrint,
			Help: "Print the value of a Go expression in the selected frame.\n!EXPR does the same.\nFunction and method calls run in the program (p s.String()), from the newest frame of a goroutine\nstopped in Go code; pp, display and set take calls too. A call is stopped after 10 s."},
		{Names: []string{"pp"}, Args: "EXPR", Group: "Inspect", run: (*Interpreter).cmdPrettyPrint,
			Help: "Print the value of an expression expanded, one field or element per line."},
		{Names: []string{"whatis"}, Args: "EXPR", Group: "Inspect", run: (*Interpreter).cmdWhatis,
			Help: "Print the type of an expression."},
		{Names: []string{"locals"}, Group: "Inspect", run: (*Interpreter).cmdLocals,
			Help: "Print the local variables of the selected frame, one name = value a line."},
		{Names: []string{"args", "a"}, Group: "Inspect", run: (*Interpreter).cmdArgs,
			Help: "Print the arguments of the selected frame's function."},
		{Names: []string{"display"}, Args: "[EXPR]", Group: "Inspect", run: (*Interpreter).cmdDisplay,
			Help: "Show an expression's value at every stop; with no argument list the displays."},
		{Names: []string{"undisplay"}, Args: "[EXPR]", Group: "Inspect", run: (*Interpreter).cmdUndisplay,
			Help: "Stop displaying an expression; with no argument remove every display."},
		{Names: []string{"set"}, Args: "VAR = VALUE", Group: "Inspect", run: (*Interpreter).cmdSet,
			Help: "Assign a value to a variable, field or element, where Delve can."},
		{Names: []string{"list", "l"}, repeatAs: "list", Args: "[FIRST[, LAST] | LOC | .]", Group: "Inspect", run: (*Interpreter).cmdList,
			Help: "List source: 11 lines around the current line, then the next 11 on each repeat.\nlist . lists around the current line again; list N around line N; list FIRST, LAST that range;\nlist LOC around a location as break takes it (FILE:LINE, FUNCTION)."},
		{Names: []string{"longlist", "ll"}, Args: "[FUNCTION]", Group: "Inspect", run: (*Interpreter).cmdLongList,
			Help: "List the whole function of the selected frame, or of FUNCTION (or any location as break takes it)."},
		// Stack
		{Names: []string{"where", "w", "bt"}, Args: "[-a | -n N | FIRST LAST]", Group: "Stack", run: (*Interpreter).cmdWhere,
			Help: "Print the stack, newest frame first, with each frame's source line; > marks the selected frame.\nRuntime frames are hidden; where -a shows every frame. A deep stack is summarised: a recursion's\nrepeated calls show three times, then one line counts the rest; the newest and oldest frames show.\nwhere -n N shows the newest N frames (-n -N the oldest N), where FIRST LAST frames FIRST to LAST."},
		{Names: []string{"up", "u"}, Args: "[N]", Group: "Stack", run: (*Interpreter).cmdUp,
			Help: "Move N frames (default 1) to older frames, towards the caller."},
		{Names: []string{"down", "d"}, Args: "[N]", Group: "Stack", run: (*Interpreter).cmdDown,
			Help: "Move N frames (default 1) to newer frames."},
		{Names: []string{"frame", "f"}, Args: "N", Group: "Stack", run: (*Interpreter).cmdFrame,
			Help: "Select frame N (0 is the newest frame shown by where; -1 the oldest, -2 the one before)."},
		// Run
		{resumes: true, Names: []string{"continue", "c", "cont"}, Group: "Run", run: (*Interpreter).cmdContinue,
			Help: "Continue until a breakpoint, a panic or the end of the program."},
		{resumes: true, Names: []string{"next", "n"}, Group: "Run", run: (*Interpreter).cmdNext,
			Help: "Run to the next line of the selected frame, stepping over calls, or to where that frame returns.\nAs pdb's next, it steps the frame up, down, frame or goroutine selected: after up it stops at the caller's next line;\non a goroutine in the runtime (<-ch, a system call after Ctrl-C) the runtime's frames run to their returns first.\nA breakpoint reached on the way stops it there. At an unrecovered panic, or one caught as it began, next, step, until and return do nothing."},
		{resumes: true, Names: []string{"step", "s"}, Group: "Run", run: (*Interpreter).cmdStep,
			Help: "Run to the next line, stepping into calls, from the selected frame as next does.\nThe runtime's functions and functions whose source is not on this machine are stepped over."},
		{resumes: true, Names: []string{"return", "r"}, Group: "Run", run: (*Interpreter).cmdReturn,
			Help: "Run until the selected frame returns (step out) and show what it returned."},
		{Names: []string{"retval", "rv"}, Group: "Run", run: (*Interpreter).cmdRetval,
			Help: "Print what the function that return last stepped out of returned."},
		{resumes: true, Names: []string{"until", "unt"}, Args: "[LINE]", Group: "Run", run: (*Interpreter).cmdUntil,
			Help: "Run the selected frame until it reaches a line greater than the current one (the end of a loop), or with LINE a line\nat or after LINE, or until it returns. Only that frame of that goroutine stops it: not another goroutine on\nthe same lines, nor another call of the function (recursion). A breakpoint reached on the way stops it there."},
		// Breakpoints
		{Names: []string{"break", "b"}, Args: "[LOC [if COND]]", Group: "Breakpoints", run: (*Interpreter).cmdBreak,
			Help: "Set a breakpoint at LOC (FILE:LINE, LINE, or a function), optionally conditional.\nWith no argument list the breakpoints with their hit counts. Breakpoints can be set and changed\nat any time, after the program exited too: restart runs it with them. A file or function name\nthe program shares with a library (decode.go) means the program's own."},
		{Names: []string{"tbreak"}, Args: "LOC [if COND]", Group: "Breakpoints", run: (*Interpreter).cmdTbreak,
			Help: "Set a temporary breakpoint, deleted when first hit."},
		{Names: []string{"clear", "cl"}, Args: "[N | LOC]", Group: "Breakpoints", run: (*Interpreter).cmdClear,
			Help: "Delete breakpoint N, or the breakpoints at LOC; with no argument delete all."},
		{Names: []string{"disable"}, Args: "N", Group: "Breakpoints", run: (*Interpreter).cmdDisable,
			Help: "Disable breakpoint N."},
		{Names: []string{"enable"}, Args: "N", Group: "Breakpoints", run: (*Interpreter).cmdEnable,
			Help: "Enable breakpoint N."},
		{Names: []string{"ignore"}, Args: "N COUNT", Group: "Breakpoints", run: (*Interpreter).cmdIgnore,
			Help: "Pass breakpoint N the next COUNT times it is reached; ignore N 0 stops at it again."},
		{Names: []string{"condition"}, Args: "N [COND]", Group: "Breakpoints", run: (*Interpreter).cmdCondition,
			Help: "Set the condition of breakpoint N; with no condition make it unconditional."},
		{Names: []string{"catch"}, Args: "[recovered [PATTERN...] | off]", Group: "Breakpoints", run: (*Interpreter).cmdCatch,
			Help: "catch recovered stops at every panic as it begins, in the frame that panicked, whoever recovers it\nlater (a net/http server, a worker pool); c lets the recovery happen. PATTERN keeps to panics raised\nin packages matching it, as go list's patterns do (example.com/app/..., main), so that a library's\npanics that it recovers itself (encoding/json's) run on. catch off stops only unrecovered panics again;\ncatch alone says which. pdbgo run --recovered[=PATTERN] starts with it."},
		// Goroutines
		{Names: []string{"goroutines", "grs"}, Args: "[-a] [-all] [-s STATUS] [N] [TEXT]", Group: "Goroutines", run: (*Interpreter).cmdGoroutines,
			Help: "List the goroutines with where they are in the program's code, their status and where they were\ncreated. First the ones that matter (* the selected one, the one that panicked, those at a\nbreakpoint), then the others by id, 1,000 a page. goroutines N lists page N, -all every page;\n-s STATUS keeps a status (-s chan), TEXT the goroutines whose code or creation mentions it;\n-a also lists those running only the runtime's code."},
		{Names: []string{"goroutine", "gr"}, Args: "N", Group: "Goroutines", run: (*Interpreter).cmdGoroutine,
			Help: "Switch to goroutine N and select its innermost frame of the program's code\n(else its innermost frame outside the runtime)."},
		// Session
		{resumes: true, Names: []string{"restart", "run"}, noRepeat: true, Args: "[ARGS]", Group: "Session", run: (*Interpreter).cmdRestart,
			Help: "Start the program again, keeping breakpoints (their conditions too; hits count from zero);\nwith ARGS, with new arguments. A program pdbgo built is built again and its source read again."},
		{resumes: true, Names: []string{"rewind", "rw"}, noRepeat: true, Args: "[N]", Group: "Session", run: (*Interpreter).cmdRewind,
			Help: "Run the program again (same binary, arguments and breakpoints) and stop at the entry of the selected\nframe's function, on the same call that went on to this stop. pdbgo counts the calls of the function\nup to the last panic, failed test, caught panic or breakpoint hit, on the same goroutine, then stops\nat the call with that number, with its arguments in view, so that next walks through the lead-up.\nrewind N uses frame N's call. When the run does not repeat (fewer calls, another path) it says so\nand stops at the nearest call. Not for attached processes, core dumps or remote servers."},
		{Names: []string{"help", "h"}, Args: "[CMD]", Group: "Session", run: (*Interpreter).cmdHelp,
			Help: "List the commands, or explain one."},
		{Names: []string{"alias"}, noRepeat: true, Args: "[NAME [COMMAND]]", Group: "Session", run: (*Interpreter).cmdAlias,
			Help: "Make NAME run COMMAND, as pdb's alias: %1 to %9 in COMMAND take the words typed after NAME, %* all of them\n(alias pl p len(%1)). alias NAME shows an alias; alias alone lists them. An alias may hide a command of\nthe same name; a first word that names another alias is expanded in turn, each alias once in a line.\nAn alias lasts for the session: define lasting ones in ~/.config/pdbgo/pdbgorc."},
		{Names: []string{"unalias"}, noRepeat: true, Args: "NAME", Group: "Session", run: (*Interpreter).cmdUnalias,
			Help: "Delete the alias NAME."},
		{Names: []string{"quit", "q", "exit"}, noRepeat: true, Group: "Session", run: (*Interpreter).cmdQuit,
			Help: "Quit pdbgo: a program it started is killed, an attached one detached and left running."},
		{Names: []string{"kill"}, noRepeat: true, Group: "Session", run: (*Interpreter).cmdKill,
			Help: "Kill the program, even an attached one, and quit."},
	}
	byName = map[string]*Command{}
	for _, c := range Table {
		for _, n := range c.Names {
			if _, dup := byName[n]; dup {
				panic("command table: duplicate name " + n)
			}
			byName[n] = c
		}
	}
}

var byName map[string]*Command

// Lookup finds a command by name or alias.
func Lookup(name string) (*Command, bool) {
	c, ok := byName[name]
	return c, ok
}

// Names returns every name and alias, sorted: for completion.
func Names() []string {
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// HelpText lists the table by group.
func HelpText() string {
	var b strings.Builder
	for _, g := range Groups {
		fmt.Fprintf(&b, "%s:\n", g)
		for _, c := range Table {
			if c.Group != g {
				continue
			}
			usage := usageWithAliases(c)
			if len(usage) > helpUsageWidth {
				b.WriteString("  " + usage + "\n")
				usage = ""
			}
			writeWrapped(&b, fmt.Sprintf("  %-*s ", helpUsageWidth, usage), c.Summary(), helpWidth)
		}
	}
	b.WriteString("\nAn empty line repeats the last command; ;; separates commands; !EXPR prints EXPR.\n")
	return b.String()
}

// helpWidth is the width help's list wraps its summaries at; helpUsageWidth the column of
// usages before them (a longer usage has a line of its own).
const (
	helpWidth      = 100
	helpUsageWidth = 28
)

// writeWrapped writes head and then text's words, wrapped at width with the following lines
// indented as far as text began (at least one word a line).
func writeWrapped(b *strings.Builder, head, text string, width int) {
	indent := strings.Repeat(" ", len(head))
	line := head
	for i, word := range strings.Fields(text) {
		if i > 0 && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent + word
			continue
		}
		if i > 0 {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
}

func usageWithAliases(c *Command) string {
	s := c.Usage()
	if len(c.Names) > 1 {
		s = strings.Join(c.Names, "|")
		if c.Args != "" {
			s += " " + c.Args
		}
	}
	return s
}

// Markdown renders the table for the README.
func Markdown() string {
	var b strings.Builder
	for _, g := range Groups {
		fmt.Fprintf(&b, "**%s**\n\n| command | aliases | what it does |\n|---|---|---|\n", g)
		for _, c := range Table {
			if c.Group != g {
				continue
			}
			aliases := strings.Join(c.Names[1:], ", ")
			cell := strings.NewReplacer("|", "\\|", "\n", " ")
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", cell.Replace(c.Usage()), aliases, cell.Replace(c.Help))
		}
		b.WriteString("\n")
	}
	return b.String()
}
