package value

// Render is String (withType) or Untyped bounded by budget bytes instead of MaxLine: what a cut
// output must start with when budget is larger.
func Render(v Value, withType bool, budget int) string {
	p := printer{budget: budget}
	p.value(v, true, withType, "")
	return p.result()
}

// RenderMultiline is Multiline(budget).
func RenderMultiline(v Value, budget int) string { return v.Multiline(budget) }
