// Package clitest holds the command-line tests of pdbgo: scripts under testdata run the real
// binary on small programs through real Delve, as a user would from a shell.
package clitest
