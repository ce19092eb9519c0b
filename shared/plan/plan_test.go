package plan

import "testing"

func TestLookup(t *testing.T) {
	cases := []struct {
		key   string
		seats int
		ok    bool
	}{
		{"starter", 2, true},
		{"professional", 5, true},
		{"business", 15, true},
		{"enterprise", 50, true},
		{"Professional", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, ok := Lookup(c.key)
		if ok != c.ok || got.Seats != c.seats {
			t.Errorf("Lookup(%q) = %+v, %v; want seats %d, %v", c.key, got, ok, c.seats, c.ok)
		}
	}
	if _, ok := Lookup(Default); !ok {
		t.Fatalf("default plan %q is not a tier", Default)
	}
}
