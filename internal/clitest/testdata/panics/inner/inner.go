// Package inner holds types of a package other than main, which Go names by package name.
package inner

import "errors"

// Code is a named int of another package.
type Code int

// Fail returns an error wrapped twice.
func Fail() error { return errors.Join(errors.New("first"), errors.New("second")) }
