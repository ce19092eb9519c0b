package shell

import (
	"testing"
)

// usePages replaces the page table for the rest of the test.
func usePages(t *testing.T, p []Entry) {
	old := Pages
	Pages = p
	t.Cleanup(func() { Pages = old })
}
