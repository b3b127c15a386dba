// Package failing is the fixture of the stop on a failing test: tests that fail in each way
// the testing package has (Errorf, Fatalf, Fail, FailNow, in a helper, a subtest, parallel
// tests), selected with -run.
package failing

import "strings"

// Fields splits s at commas: a trailing comma gives an empty last field, which the tests
// do not expect.
func Fields(s string) []string { return strings.Split(s, ",") }
