package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// crm is the agency platform's CRM portion.
var crm = all(crud("companies"), crud("contacts"), crud("events"), crud("goals"),
	[]string{"companies.manage", "contacts.manage", "events.manage", "goals.manage"})

// projectsAll is admin-level access to Projects and their talk.
var projectsAll = []string{"projects.view", "projects.create", "projects.edit", "projects.delete", "projects.manage", "projects.lead",
	"client_talk.view", "client_talk.post", "team_talk.view", "team_talk.post"}

// noLead: Teammates cannot be assigned as the Project Leader;
// a Freelancer is a Teammate without Team Talk, so neither can they.
func noLead(who string) []role.Never {
	return []role.Never{{Permission: "projects.lead", Reason: who + " cannot be assigned as the Project Leader."}}
}

// teammate is a Teammate's access: assigned projects only, with Team Talk,
// without Client Talk.
var teammate = []string{"projects.view:own", "team_talk.view", "team_talk.post"}

// Ladder is the set-up of an agency platform (projects, CRM, client
// portal) licensed per account: seven roles on a promotion-only ladder, one Super
// Admin whose details nobody else sees and who alone manages the
// subscription (billing.manage), and salespeople who edit only what they
// created.
var Ladder = Preset{
	Key:     presetname.Ladder,
	Name:    presetname.Names[presetname.Ladder],
	Modules: []string{"projects", "client_talk", "team_talk", "client_pages", "companies", "contacts", "events", "goals", "invoices"},
	Policy:  account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, Ladder: true},
	Roles: []role.Role{
		{
			ID: "super_admin", Name: "Super Admin", Color: "purple", Rank: 0, System: true, Locked: true, SuperAdmin: true,
			MaxHolders: 1, Private: true,
			Description: "Owns the license: full access, and alone manages the subscription. There is only one.",
		},
		{
			ID: "admin", Name: "Admin", Color: "blue", Rank: 1, System: true,
			Description: "Access to the entire platform, except the Super Admin's details and the subscription.",
			Permissions: all(
				[]string{"users.view", "users.create", "users.edit", "users.delete", "users.manage",
					"roles.view", "roles.create", "roles.edit", "roles.delete",
					"account.view", "account.manage", "audit.view", "security.view", "security.manage",
					"client_pages.view", "client_pages.manage"},
				projectsAll, crm, crud("invoices"), []string{"invoices.manage"},
			),
		},
		{
			ID: "project_manager", Name: "Project Manager", Color: "teal", Rank: 2, System: true,
			Description: "Admin-level access in Projects and the CRM; no Billing, Client Pages or Admin Settings.",
			Permissions: all([]string{"users.view"}, projectsAll, crm),
		},
		{
			ID: "office_manager", Name: "Office Manager", Color: "green", Rank: 3, System: true,
			Description: "Admin-level access in Billing and the CRM; no Projects, Client Pages or Admin Settings.",
			Permissions: all([]string{"users.view"}, crud("invoices"), []string{"invoices.manage"}, crm),
		},
		{
			ID: "teammate", Name: "Teammate", Color: "orange", Rank: 4, System: true,
			Description: "Works in the projects they are assigned to; no Client Talk.",
			Permissions: teammate, Never: noLead("Teammates"),
		},
		{
			ID: "salesperson", Name: "Salesperson", Color: "yellow", Rank: 5, System: true,
			Description: "Like a Teammate, plus the CRM: creates companies, contacts, events and goals; sees all companies and contacts, edits and deletes only their own.",
			Permissions: all(teammate, []string{
				"companies.view", "companies.create", "companies.edit:own", "companies.delete:own",
				"contacts.view", "contacts.create", "contacts.edit:own", "contacts.delete:own",
				"events.view", "events.create", "goals.view", "goals.create",
			}),
		},
		{
			ID: "freelancer", Name: "Freelancer", Color: "grey", Rank: 6, System: true,
			Description: "Like a Teammate, without Team Talk.",
			Permissions: []string{"projects.view:own"}, Never: noLead("Freelancers"),
		},
	},
}
