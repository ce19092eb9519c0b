package session

import (
	"slices"
)

// Holds reports whether perms grants p. A grant limited to the records the
// user created (`p:own`) counts: the page still has records to show them.
func Holds(perms []string, p string) bool {
	return slices.Contains(perms, p) || slices.Contains(perms, p+":own")
}
