package uitest

import (
	"slices"
	"time"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// APIError is a refusal with the status and code alone, as the client
// returns it.
func APIError(status int, code string) error {
	return &client.Error{Status: status, Body: api.ErrorBody{Code: code}}
}

// RefusalError is a 409 with the server's sentence.
func RefusalError(code, msg string) error {
	return &client.Error{Status: 409, Body: api.ErrorBody{Code: code, Message: msg}}
}

// Admin is a plain admin role, with no permissions of its own.
var Admin = &role.Role{ID: "admin", Name: "Admin", Color: "blue", Description: "Manages users and roles."}

// SampleMe is an admin of a clinic on the Business plan, as /me answers.
func SampleMe() api.Me {
	return api.Me{
		User:        api.User{ID: "u1", Name: "Grace Hopper", Email: "grace@clinic.example"},
		Role:        Admin,
		Account:     api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "business", Preset: "saas-admin", Seats: api.Seats{Used: 4, Limit: 15}},
		Permissions: []string{"users.view", "users.edit", "roles.view", "contacts.edit:own"},
	}
}

// PresetRole is a role of the SaaS admin preset.
func PresetRole(id string) role.Role {
	for _, r := range preset.SaaSAdmin.Roles {
		if r.ID == id {
			return r
		}
	}
	panic("no preset role " + id)
}

// MeAs is who is signed in holding a preset role, as /me answers.
func MeAs(roleID string) api.Me {
	r := PresetRole(roleID)
	perms := r.Permissions
	if r.SuperAdmin {
		perms = perm.Default.Compile(true, preset.SaaSAdmin.Modules, nil, nil).IDs()
	}
	return api.Me{
		User:        api.User{ID: "u-" + roleID, Name: "Sam " + r.Name, Email: roleID + "@clinic.example", RoleID: roleID, Status: "active"},
		Role:        &r,
		Account:     api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "business", Preset: "saas-admin", Modules: preset.SaaSAdmin.Modules, Revision: 7, InviteTTLHours: 168},
		Permissions: slices.Clone(perms),
	}
}

// PresetMatrix is GET /matrix of a fresh SaaS admin account, with holders.
func PresetMatrix() api.Matrix {
	m := api.Matrix{Modules: perm.Modules(preset.SaaSAdmin.Modules), Grants: map[string][]string{}}
	holders := map[string]int{"super_admin": 1, "admin": 2, "staff": 3, "read_only": 0}
	for _, r := range preset.SaaSAdmin.Roles {
		r.Permissions = slices.Clone(r.Permissions)
		m.Roles = append(m.Roles, api.Role{Role: r, Holders: holders[r.ID]})
		m.Grants[r.ID] = slices.Clone(r.Permissions)
	}
	return m
}

// PresetRoles is GET /roles of a fresh SaaS admin account.
func PresetRoles() []api.Role {
	var out []api.Role
	for _, r := range preset.SaaSAdmin.Roles {
		r.Permissions = slices.Clone(r.Permissions)
		out = append(out, api.Role{Role: r})
	}
	return out
}

// SampleUsers has someone in every state. The ids of the active ones are
// those of meAs: "u-" and the role.
func SampleUsers() []api.User {
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	later := at.Add(7 * 24 * time.Hour)
	return []api.User{
		{ID: "u-admin", Name: "Ada Admin", Email: "ada@clinic.example", RoleID: "admin", Status: "active", LastLoginAt: &at},
		{ID: "u-dan", Name: "Dan Disabled", Email: "dan@clinic.example", RoleID: "staff", Status: "disabled"},
		{ID: "u-del", Name: "Del Deleted", Email: "del@clinic.example", RoleID: "staff", Status: "deleted"},
		{ID: "u-ivy", Name: "Ivy Invited", Email: "ivy@clinic.example", RoleID: "read_only", Status: "invited", CreatedAt: at, InviteExpiresAt: &later},
		{ID: "u-olga", Name: "Olga Old", Email: "olga@clinic.example", RoleID: "staff", Status: "invited", CreatedAt: at, InviteExpiresAt: &at, InviteExpired: true},
		{ID: "u-rita", Name: "Rita Revoked", Email: "rita@clinic.example", RoleID: "read_only", Status: "revoked"},
		{ID: "u-read_only", Name: "Rob Reader", Email: "rob@clinic.example", RoleID: "read_only", Status: "active"},
		{ID: "u-staff", Name: "Sam Staff", Email: "sam@clinic.example", RoleID: "staff", Status: "active", TOTPEnabled: true,
			Overrides: perm.Overrides{Grant: []string{"audit.view"}, Deny: []string{"invoices.edit"}}},
		{ID: "u-super_admin", Name: "Sue Super", Email: "sue@clinic.example", RoleID: "super_admin", Status: "active"},
	}
}
