// Package perm defines permissions: the catalog of modules and actions, the
// `module.action[:own]` ids, and how a user's effective permissions follow
// from their role.
package perm

import (
	"errors"
	"strings"
)

// ID is one permission: an action on a module, optionally limited to the
// records the user created (Own).
type ID struct {
	Module string
	Action string
	Own    bool
}

// ErrSyntax is returned for a string that is not `module.action[:own]`.
var ErrSyntax = errors.New("permission ids look like module.action or module.action:own")

// Parse reads `module.action` or `module.action:own`. Module and action keys
// are lower-case ASCII letters, digits and underscores, starting with a letter.
func Parse(s string) (ID, error) {
	var id ID
	if rest, ok := strings.CutSuffix(s, ":own"); ok {
		id.Own = true
		s = rest
	}
	module, action, ok := strings.Cut(s, ".")
	if !ok || !validKey(module) || !validKey(action) {
		return ID{}, ErrSyntax
	}
	id.Module, id.Action = module, action
	return id, nil
}

// String prints the id in its canonical form.
func (id ID) String() string {
	s := id.Module + "." + id.Action
	if id.Own {
		s += ":own"
	}
	return s
}

func validKey(k string) bool {
	if k == "" || len(k) > 40 || k[0] < 'a' || k[0] > 'z' {
		return false
	}
	for i := 1; i < len(k); i++ {
		c := k[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}
