package value

import "reflect"

// ChildKind says how a child is reached from the value it belongs to, so that a front-end can
// name it and write the Go expression for it: x.Name, x[Index], x[Key], *x.
type ChildKind uint8

// Kinds of Child.
const (
	// Field is a struct's field: x.Name.
	Field ChildKind = iota + 1
	// Element is an element of a slice or an array: x[Index].
	Element
	// Entry is a map's entry: x[Key].
	Entry
	// Deref is what a pointer to something other than a struct, slice, array or map points to
	// (a number, a string, another pointer, an interface): *x.
	Deref
	// Internal is a field of the runtime's representation of a channel (qcount, dataqsiz, ...),
	// which Go code cannot select.
	Internal
)

func (k ChildKind) String() string {
	switch k {
	case Field:
		return "field"
	case Element:
		return "element"
	case Entry:
		return "entry"
	case Deref:
		return "deref"
	case Internal:
		return "internal"
	}
	return "ChildKind(" + itoa(int64(k)) + ")"
}

// Child is one part of a value as a person expands it.
type Child struct {
	Kind  ChildKind
	Name  string // Field and Internal: the field's name
	Index int64  // Element: the element's index
	Key   Value  // Entry: the key
	Value Value
}

// Target is what v stands for when it is expanded: the value an interface holds (looked through
// again when that is a pointer), the value a pointer points to, else v itself. Its Kind and Len
// say what kind of collection v is and how much of it was loaded.
func (v Value) Target() Value {
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) > 0 {
			return v.Children[0]
		}
	case reflect.Interface:
		if len(v.Children) > 0 && v.Children[0].Kind != reflect.Invalid {
			return v.Children[0].Target()
		}
	}
	return v
}

// Expand lists the loaded children of v, the one walk every front-end expands values with: a
// struct's fields, elements numbered from first (the index of the first loaded element: a page
// of a big slice loaded as s[64:128] starts at 64), map entries, a channel's internals. Pointers
// to structs, slices, arrays and maps are looked through, as Go selects and indexes through
// them; a pointer to anything else has one Deref child. Interfaces are looked through to the
// value they hold. Nil pointers, nil interfaces, values not loaded (only their address was read)
// and unreadable values have none.
func (v Value) Expand(first int64) []Child {
	if v.Unreadable != "" {
		return nil
	}
	switch v.Kind {
	case reflect.Pointer:
		if len(v.Children) == 0 {
			return nil
		}
		to := v.Children[0]
		if to.OnlyAddr || to.Kind == reflect.Invalid || to.Addr == 0 && len(to.Children) == 0 && to.Value == "" {
			return nil
		}
		switch to.Kind {
		case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
			return to.Expand(first)
		}
		return []Child{{Kind: Deref, Value: to}}
	case reflect.Interface:
		if len(v.Children) == 0 || v.Children[0].OnlyAddr {
			return nil
		}
		return v.Children[0].Expand(first)
	case reflect.Struct:
		out := make([]Child, len(v.Children))
		for i, c := range v.Children {
			out[i] = Child{Kind: Field, Name: c.Name, Value: c}
		}
		return out
	case reflect.Slice, reflect.Array:
		out := make([]Child, len(v.Children))
		for i, c := range v.Children {
			out[i] = Child{Kind: Element, Index: first + int64(i), Value: c}
		}
		return out
	case reflect.Map:
		out := make([]Child, 0, len(v.Children)/2)
		for i := 0; i+1 < len(v.Children); i += 2 {
			out = append(out, Child{Kind: Entry, Key: v.Children[i], Value: v.Children[i+1]})
		}
		return out
	case reflect.Chan:
		out := make([]Child, len(v.Children))
		for i, c := range v.Children {
			out[i] = Child{Kind: Internal, Name: c.Name, Value: c}
		}
		return out
	}
	return nil
}
