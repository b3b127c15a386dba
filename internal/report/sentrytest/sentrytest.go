// Package sentrytest checks crash reports written as Sentry events against a JSON Schema of
// Sentry's documented event payload (sentry-event.schema.json, whose $comment says what it was
// written from). It is for tests only.
package sentrytest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed sentry-event.schema.json
var schemaJSON []byte

var (
	compileOnce sync.Once
	schema      *jsonschema.Schema
	compileErr  error
)

// Schema is the compiled schema; formats (date-time) are asserted.
func Schema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			compileErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if compileErr = c.AddResource("sentry-event.schema.json", doc); compileErr != nil {
			return
		}
		schema, compileErr = c.Compile("sentry-event.schema.json")
	})
	return schema, compileErr
}

// Validate checks that data is one JSON value, a Sentry event as the schema describes it.
func Validate(data []byte) error {
	sch, err := Schema()
	if err != nil {
		return fmt.Errorf("the schema does not compile: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return sch.Validate(doc)
}
