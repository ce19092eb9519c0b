package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// SaaSAdmin is the set-up of a SaaS back office whose administrators' seats
// the plan limits: admin users with four default roles.
var SaaSAdmin = Preset{
	Key:     presetname.SaaSAdmin,
	Name:    presetname.Names[presetname.SaaSAdmin],
	Modules: []string{"events", "contacts", "invoices"},
	Policy:  account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, Overrides: true},
	Roles: []role.Role{
		{
			ID: "super_admin", Name: "Super Admin", Color: "purple", Rank: 0,
			Description: "Full access to everything, always. At least one must exist.",
			System:      true, Locked: true, SuperAdmin: true,
		},
		{
			ID: "admin", Name: "Admin", Color: "blue", Rank: 1, System: true,
			Description: "Manages users, roles and every module; no subscription changes.",
			Permissions: []string{
				"users.view", "users.create", "users.edit", "users.delete", "users.manage",
				"roles.view", "roles.create", "roles.edit", "roles.delete",
				"account.view", "billing.view", "audit.view", "security.view", "security.manage",
				"events.view", "events.create", "events.edit", "events.delete", "events.manage",
				"contacts.view", "contacts.create", "contacts.edit", "contacts.delete", "contacts.manage",
				"invoices.view", "invoices.create", "invoices.edit", "invoices.delete", "invoices.manage",
			},
		},
		{
			ID: "staff", Name: "Staff", Color: "green", Rank: 2, System: true,
			Description: "Day-to-day work on events, contacts and invoices.",
			Permissions: []string{
				"users.view",
				"events.view", "events.create", "events.edit",
				"contacts.view", "contacts.create", "contacts.edit",
				"invoices.view", "invoices.create", "invoices.edit",
			},
		},
		{
			ID: "read_only", Name: "Read-Only", Color: "grey", Rank: 3, System: true,
			Description: "Sees events, contacts and invoices; changes nothing.",
			Permissions: []string{"users.view", "roles.view", "events.view", "contacts.view", "invoices.view"},
		},
	},
}
