package api

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// Catalog is GET /api/v1/permissions: the modules enabled on the account.
type Catalog struct {
	Modules []perm.Module `json:"modules"`
}

// Role is a role as the API shows it: the role and how many users hold it.
type Role struct {
	role.Role
	Holders int `json:"holders"`
}

// MarshalJSON writes the role's own fields, then its holders: without it,
// the embedded role's MarshalJSON would write the role alone.
func (r Role) MarshalJSON() ([]byte, error) {
	b, err := r.Role.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b = strconv.AppendInt(append(b[:len(b)-1], `,"holders":`...), int64(r.Holders), 10)
	return append(b, '}'), nil
}

// RoleList is GET /api/v1/roles.
type RoleList struct {
	Items []Role `json:"items"`
}

// CreateRole is the body of POST /api/v1/roles.
type CreateRole struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Color       string   `json:"color,omitempty"`
	Permissions []string `json:"permissions,omitempty"`
	// Domains limit the role to people with an email at one of them.
	Domains []string `json:"domains,omitempty"`
}

// PatchRole is the body of PATCH /api/v1/roles/{id}: only the fields sent change.
type PatchRole struct {
	Name        *string   `json:"name,omitempty"`
	Description *string   `json:"description,omitempty"`
	Color       *string   `json:"color,omitempty"`
	Permissions *[]string `json:"permissions,omitempty"`
	// Domains replaces the email domains the role is limited to; [] lifts
	// the limit. Current holders keep the role; the security suggestions
	// flag those outside.
	Domains *[]string `json:"domains,omitempty"`
}

// Toggle is the body of PUT /api/v1/roles/{id}/permissions/{permission}.
type Toggle struct {
	Granted *bool `json:"granted"`
}

// Matrix is GET /api/v1/matrix: every role against every permission.
type Matrix struct {
	Modules []perm.Module       `json:"modules"`
	Roles   []Role              `json:"roles"`
	Grants  map[string][]string `json:"grants"`
}

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID     string      `json:"id"`
	At     time.Time   `json:"at"`
	Actor  AuditActor  `json:"actor"`
	Action string      `json:"action"`
	Target AuditTarget `json:"target"`
	// Summary says what happened, for people.
	Summary string          `json:"summary"`
	Before  json.RawMessage `json:"before"`
	After   json.RawMessage `json:"after"`
	// Revertible: POST /api/v1/audit/{id}/revert may undo it.
	Revertible bool `json:"revertible"`
	// RevertOf names the entry this one undid; RevertedBy the entry that undid this one.
	RevertOf   string `json:"revert_of,omitempty"`
	RevertedBy string `json:"reverted_by,omitempty"`
}

// AuditActor is who made a change.
type AuditActor struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// AuditTarget is what a change was made to.
type AuditTarget struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AuditPage is GET /api/v1/audit.
type AuditPage struct {
	Items      []AuditEntry `json:"items"`
	NextCursor string       `json:"next_cursor"`
}

// CreateUser is the body of POST /api/v1/users.
type CreateUser struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	RoleID   string `json:"role_id"`
	Password string `json:"password,omitempty"`
	// NoLogin adds a member who does not sign in (status no_login): no
	// seat, no password, no invitation; POST /users/{id}/invite invites
	// them later.
	NoLogin bool `json:"no_login,omitempty"`
}

// Can is GET /api/v1/me/can: whether, and why.
type Can struct {
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason"`
}

// Effective is GET /api/v1/users/{id}/effective.
type Effective struct {
	Permissions []EffectivePermission `json:"permissions"`
}

// EffectivePermission is one permission a user holds and where it comes from:
// role, override or super_admin.
type EffectivePermission struct {
	ID     string `json:"id"`
	Source string `json:"source"`
}

// Preset is GET /api/v1/preset: the set-up the account started from, whose
// roles the matrix compares the account's with.
type Preset struct {
	Key   string      `json:"key"`
	Name  string      `json:"name"`
	Roles []role.Role `json:"roles"`
}
