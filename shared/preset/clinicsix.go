package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// ClinicSixPermissions are the clinic CRM's 13 configurable permissions, in
// the order its permission matrix lists them.
var ClinicSixPermissions = []string{
	"patients.view",         // View client profiles
	"patients.edit",         // Edit client profiles
	"patients.create",       // Add new patients
	"patients.delete",       // Delete patients
	"orders.refund",         // Issue refunds
	"memberships.cancel",    // Cancel memberships
	"notes.write",           // Write staff notes
	"notes.delete",          // Delete staff notes
	"wallet.adjust_balance", // Adjust Beauty Bank balance
	"dashboard.view",        // View dashboard
	"payouts.view",          // View payouts page
	"app_builder.access",    // Access app builder
	"staff.manage",          // Manage staff
}

// table picks, in ClinicSixPermissions' order, the permissions marked 1:
// one row of the product's default table.
func table(on ...int) []string {
	// Everyone sees the Users & Roles page; only owners change it.
	out := []string{"users.view", "roles.view"}
	for i, v := range on {
		if v == 1 {
			out = append(out, ClinicSixPermissions[i])
		}
	}
	return out
}

// VendorDomain is the email domain of the clinic CRM's vendor, Glovora,
// whose account managers alone may hold its Account Manager role.
const VendorDomain = "glovora.com"

// ClinicSix is the set-up of a clinic CRM whose Users & Roles page is
// apart from its Staff page (a team member may exist without a login):
// Owner (at most 4, locked on in the matrix),
// Manager, Practitioner, Receptionist, Staff and the vendor's account
// manager, with the seed's default table. Permissions apply per role only.
var ClinicSix = Preset{
	Key:     presetname.ClinicSix,
	Name:    presetname.Names[presetname.ClinicSix],
	Modules: []string{"patients", "orders", "memberships", "notes", "wallet", "dashboard", "payouts", "app_builder", "staff"},
	Policy:  account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, Overrides: false},
	Roles: []role.Role{
		{
			ID: "owner", Name: "Owner", Color: "purple", Rank: 0, System: true, Locked: true, SuperAdmin: true, MaxHolders: 4,
			Description: "Full access to all settings, billing, payouts, and team management. Maximum 4 per clinic.",
		},
		{
			ID: "manager", Name: "Manager", Color: "blue", Rank: 1, System: true,
			Description: "Can manage staff, treatments, memberships, appointments, and clinic settings. No billing access.",
			//                 view edit add del refund cancel write delnote wallet dash payouts builder staff
			Permissions: table(1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1),
		},
		{
			ID: "practitioner", Name: "Practitioner", Color: "green", Rank: 2, System: true,
			Description: "Can manage treatments, memberships, rewards, patients, and appointments.",
			Permissions: table(1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0),
		},
		{
			ID: "receptionist", Name: "Receptionist", Color: "orange", Rank: 3, System: true,
			Description: "Can view patients and manage appointments and check-ins.",
			Permissions: table(1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0),
		},
		{
			ID: "staff", Name: "Staff", Color: "grey", Rank: 4, System: true,
			Description: "Basic access to view patients and check-ins only.",
			Permissions: table(1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0),
		},
		{
			ID: "account_manager", Name: "Glovora Account Manager", Color: "yellow", Rank: 5, System: true,
			Description: "Glovora staff who set up clinic branding, treatments, and app configuration. No access to patient or financial data. Not for clinic team members.",
			Permissions: table(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0),
			// Reserved for Glovora staff: people with a Glovora email only.
			Domains: []string{VendorDomain},
		},
	},
}
