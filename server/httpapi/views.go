package httpapi

import (
	"time"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
)

// accountView is the account as the viewer may see it: the plan and its
// seat limit are the subscription, shown only to those who may view
// billing (in the ladder preset, only the Super Admin); seats in use stay
// visible to whoever adds users.
func (a *API) accountView(acct *tenant.Account, viewer *perm.Subject) api.Account {
	out := api.Account{
		ID:             acct.ID,
		Name:           acct.Name,
		Preset:         acct.Preset,
		Seats:          api.Seats{Used: acct.SeatsUsed()},
		Policy:         acct.Policy,
		Modules:        acct.Modules,
		Revision:       acct.Revision,
		SessionLimits:  a.auth.SessionLimits(),
		InviteTTLHours: int(a.users.InviteTTL() / time.Hour),
	}
	if viewer.Can("billing.view") || viewer.Can("billing.manage") {
		tier, _ := plan.Lookup(acct.Plan)
		out.Plan, out.Seats.Limit = acct.Plan, tier.Seats
	}
	return out
}
