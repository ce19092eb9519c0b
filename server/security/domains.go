package security

import (
	"strings"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// outsideDomains finds the holders of a role limited to email domains
// whose email is not at one of them: they kept the role when its domains
// changed, or had it before it was limited. Every member but a deleted one
// counts, since a revoked or no-login member invited again comes back with
// the role.
func outsideDomains(a *tenant.Account) check {
	outside := func(m tenant.Member) bool {
		r, ok := a.Role(m.RoleID)
		return ok && m.Status != rules.StatusDeleted && !rules.InDomains(r, m.Email)
	}
	return check{"outside_domains", "high", "Role holders outside their role's email domains",
		"These roles are for people with an email at the domains they name; give these people another role, or remove them.", "open_user",
		func(id string, m tenant.Member) (bool, string) {
			if !outside(m) {
				return false, ""
			}
			r, _ := a.Role(m.RoleID)
			return true, r.Name + " is for " + strings.Join(r.Domains, ", ")
		},
		nil,
		func(found []tenant.Member) string {
			for _, m := range found[1:] {
				if m.RoleID != found[0].RoleID {
					return ""
				}
			}
			r, _ := a.Role(found[0].RoleID)
			return "Holders of " + r.Name + " outside its email domains"
		}}
}
