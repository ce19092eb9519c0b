package httpapi

import (
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

func accountView(a *store.Account) api.Account {
	tier, _ := plan.Lookup(a.Plan)
	return api.Account{
		ID:       a.ID,
		Name:     a.Name,
		Plan:     a.Plan,
		Preset:   a.Preset,
		Seats:    api.Seats{Used: a.SeatsUsed(), Limit: tier.Seats},
		Policy:   a.Policy,
		Modules:  a.Modules,
		Revision: a.Revision,
	}
}
