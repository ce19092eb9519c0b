package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// TwoRole is the set-up of an aesthetics CRM whose staff are each an Admin
// or a User. Users work in the day-to-day areas (contacts, conversations,
// calendars); the administrative ones are off unless an Admin grants them
// to that one person (per-user overrides).
var TwoRole = Preset{
	Key:     presetname.TwoRole,
	Name:    presetname.Names[presetname.TwoRole],
	Modules: []string{"contacts", "conversations", "calendars", "opportunities", "payments", "reporting", "integrations", "automations"},
	Policy:  account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, Overrides: true},
	Roles: []role.Role{
		{
			ID: "admin", Name: "Admin", Color: "purple", Rank: 0, System: true, Locked: true, SuperAdmin: true,
			Description: "Full access to the account: every area, settings, billing, integrations, automations, reporting and team management. Only Admins add, edit or remove staff and change roles.",
		},
		{
			ID: "user", Name: "User", Color: "blue", Rank: 1, System: true,
			Description: "Day-to-day work: contacts, conversations, calendars and opportunities. Billing, settings, integrations and staff stay off unless an Admin turns them on for the person.",
			Permissions: all(crud("contacts"), crud("conversations"), crud("calendars"), crud("opportunities")),
		},
	},
}
