package kit

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

// Per-user grants and denies outlive a change of role and the deletion of
// a role: the pages say where they are, so that nobody keeps access unseen.

func HasOverrides(o perm.Overrides) bool {
	return len(o.Grant)+len(o.Deny) > 0
}

// OverridesText names a person's overrides in the catalog's words:
// "granted Audit log: View; denied Invoices: Edit".
func OverridesText(o perm.Overrides) string {
	names := func(ids []string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = perm.Label(id)
		}
		return JoinAnd(out)
	}
	var parts []string
	if len(o.Grant) > 0 {
		parts = append(parts, "granted "+names(o.Grant))
	}
	if len(o.Deny) > 0 {
		parts = append(parts, "denied "+names(o.Deny))
	}
	return strings.Join(parts, "; ")
}

// OverridesBadge marks a user row whose person has overrides: "+2 / −1
// overrides" to the eye, the counts in words to a screen reader, and their
// names on hover.
func OverridesBadge(u api.User) app.UI {
	o := u.Overrides
	var short, spoken string
	if n := len(o.Grant); n > 0 {
		short, spoken = "+"+strconv.Itoa(n), strconv.Itoa(n)+" granted"
	}
	if n := len(o.Deny); n > 0 {
		if short != "" {
			short, spoken = short+" / ", spoken+", "
		}
		short, spoken = short+"−"+strconv.Itoa(n), spoken+strconv.Itoa(n)+" denied"
	}
	word := " overrides"
	if len(o.Grant)+len(o.Deny) == 1 {
		word = " override"
	}
	return app.Span().Class("tag", "overrides-tag").DataSet("testid", "user-overrides-"+u.ID).Title(OverridesText(o)).Body(
		app.Span().Aria("hidden", "true").Text(short+word),
		app.Span().Class("sr-only").Text("Per-user overrides: "+spoken),
	)
}
