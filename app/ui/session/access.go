package session

import (
	"slices"

	"github.com/rolesconsole/console/shared/api"
)

// ReadsOutbox reports whether me may read the outbox (GET /mail, and the
// invitation links it holds): super admins alone, as the route declares,
// since its emails carry sign-in links.
func ReadsOutbox(me api.Me) bool {
	return me.Role != nil && me.Role.SuperAdmin
}

// Holds reports whether perms grants p. A grant limited to the records the
// user created (`p:own`) counts: the page still has records to show them.
func Holds(perms []string, p string) bool {
	return slices.Contains(perms, p) || slices.Contains(perms, p+":own")
}
