package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// ClinicFour is the set-up of a medical-aesthetics clinic product whose
// users hold one of four roles: Administrator, Medical Director, Provider and
// Front Desk, with defaults per role, editable per role and per user
// ("Manage Privileges").
var ClinicFour = Preset{
	Key:     presetname.ClinicFour,
	Name:    presetname.Names[presetname.ClinicFour],
	Modules: []string{"appointments", "patients", "medical_records", "reports", "inventory", "payments"},
	Policy:  account.Policy{TwoFactor: account.TwoFactor{Required: "none"}, Overrides: true},
	Roles: []role.Role{
		{
			ID: "administrator", Name: "Administrator", Color: "purple", Rank: 0, System: true, Locked: true, SuperAdmin: true,
			Description: "The highest power and the most privileges at the clinic.",
		},
		{
			ID: "medical_director", Name: "Medical Director", Color: "blue", Rank: 1, System: true,
			Description: "Manages the service providers; has most of the privileges at the clinic.",
			Permissions: all(
				[]string{"users.view", "users.create", "users.edit", "roles.view", "audit.view", "billing.view"},
				crud("appointments"), []string{"appointments.settings"},
				crud("patients"), crud("medical_records"),
				[]string{"reports.view", "inventory.view", "inventory.edit", "payments.view", "payments.create", "payments.refund"},
			),
		},
		{
			ID: "provider", Name: "Provider", Color: "green", Rank: 2, System: true,
			Description: "Provides treatments and services; has access to most medical records but no administrative privileges.",
			Permissions: []string{
				"appointments.view", "appointments.create", "appointments.edit",
				"patients.view", "patients.create", "patients.edit",
				"medical_records.view", "medical_records.create", "medical_records.edit",
				"inventory.view",
			},
		},
		{
			ID: "front_desk", Name: "Front Desk", Color: "orange", Rank: 3, System: true,
			Description: "Helps with check-ins and checkouts; the least privileges at the clinic.",
			Permissions: []string{
				"appointments.view", "appointments.create", "appointments.edit",
				"patients.view", "patients.create",
				"payments.view", "payments.create",
			},
		},
	},
}
