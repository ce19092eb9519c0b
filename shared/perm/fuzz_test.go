package perm

import "testing"

// Whatever the input, Parse either refuses it or returns an id that prints
// back to exactly the input; a known id always parses.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"users.view", "contacts.edit:own", "a.b", "", ".", "users.", "x.y:own:own", "users.view\x00", "Ü.view", "users.$ne"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := Parse(s)
		if err != nil {
			if Default.Known(s) {
				t.Fatalf("known permission %q does not parse", s)
			}
			return
		}
		if id.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, id.String())
		}
		// Checking it never panics, known or not.
		_ = Default.Compile(false, nil, []string{s}, &Overrides{Grant: []string{s}, Deny: []string{s}}).Check(s, true)
	})
}
