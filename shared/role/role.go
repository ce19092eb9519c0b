// Package role defines a role: its place on the ladder, its cap on holders
// and the permissions it grants.
package role

import (
	"encoding/json"
	"strings"
)

// Role is stored inside its account's document, so that the account's
// invariants (caps, last super admin) can be checked in one atomic update.
type Role struct {
	ID          string `json:"id" bson:"id"`
	Name        string `json:"name" bson:"name"`
	Description string `json:"description" bson:"description"`
	// Color names the badge colour: purple, blue, green, orange, grey, yellow, red, teal.
	Color string `json:"color" bson:"color"`
	// Rank orders roles on the ladder: 0 is the top.
	Rank int `json:"rank" bson:"rank"`
	// MaxHolders caps how many users may hold the role; 0 means no cap.
	MaxHolders int `json:"max_holders" bson:"max_holders"`
	// System roles come with the account's preset and cannot be deleted.
	System bool `json:"system" bson:"system"`
	// Locked roles' grants cannot be edited (the super admin column).
	Locked bool `json:"locked" bson:"locked"`
	// SuperAdmin holders have every permission, whatever Permissions says.
	SuperAdmin bool `json:"super_admin" bson:"super_admin"`
	// Private: only holders of this role see its holders' details (seed
	// 003: nobody else can see or edit the Super Admin's details).
	Private     bool     `json:"private" bson:"private"`
	Permissions []string `json:"permissions" bson:"permissions"`
	// Never lists what the role's holders may never be given, by the role
	// or by a per-user grant, and why: the preset's word (a Teammate cannot
	// be assigned as the Project Leader).
	Never []Never `json:"never,omitempty" bson:"never,omitempty"`
	// Domains are the email domains whose people alone may hold the role
	// (the vendor's staff role to the vendor's domain); empty: anyone.
	Domains []string `json:"domains,omitempty" bson:"domains,omitempty"`
}

// Never is a permission a role may never hold, and the sentence that says why.
type Never struct {
	Permission string `json:"permission" bson:"permission"`
	Reason     string `json:"reason" bson:"reason"`
}

// Forbids returns why the role may never hold id ("m.a" or "m.a:own"),
// and whether it may not.
func (r Role) Forbids(id string) (string, bool) {
	base, _ := strings.CutSuffix(id, ":own")
	for _, n := range r.Never {
		if n.Permission == base {
			return n.Reason, true
		}
	}
	return "", false
}

// Colors lists the badge colours a role may have.
var Colors = []string{"purple", "blue", "green", "orange", "grey", "yellow", "red", "teal"}

// MarshalJSON writes a role without permissions (a super admin's, a new
// one) with "permissions": [], never null: the contract's lists are lists.
func (r Role) MarshalJSON() ([]byte, error) {
	type plain Role
	if r.Permissions == nil {
		r.Permissions = []string{}
	}
	return json.Marshal(plain(r))
}
