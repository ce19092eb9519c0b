// Package preset holds, as data, the account set-ups of the source products:
// their roles, grants, caps, enabled modules and policy.
package preset

import (
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/presetname"
	"github.com/rolesconsole/console/shared/role"
)

// Preset is everything a new account starts with.
type Preset struct {
	Key     string
	Name    string
	Modules []string
	Roles   []role.Role
	Policy  account.Policy
}

// Default is the preset of an account created without naming one.
const Default = presetname.SaaSAdmin

// All lists the presets by key.
var All = map[string]Preset{
	SaaSAdmin.Key:  SaaSAdmin,
	TwoRole.Key:    TwoRole,
	ClinicFour.Key: ClinicFour,
	ClinicSix.Key:  ClinicSix,
	Ladder.Key:     Ladder,
}

// Keys lists the presets' keys, the default first.
var Keys = []string{SaaSAdmin.Key, TwoRole.Key, ClinicFour.Key, ClinicSix.Key, Ladder.Key}

// Role returns the preset's default of a role.
func (p Preset) Role(id string) (role.Role, bool) {
	for _, r := range p.Roles {
		if r.ID == id {
			return r, true
		}
	}
	return role.Role{}, false
}

// crud lists a module's view, create, edit and delete permissions.
func crud(module string) []string {
	return []string{module + ".view", module + ".create", module + ".edit", module + ".delete"}
}

// all joins permission lists.
func all(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Lookup returns the preset with the given key.
func Lookup(key string) (Preset, bool) {
	p, ok := All[key]
	return p, ok
}

// Top is the preset's highest role: the one an account's first user holds.
func (p Preset) Top() role.Role {
	top := p.Roles[0]
	for _, r := range p.Roles[1:] {
		if r.Rank < top.Rank {
			top = r
		}
	}
	return top
}
