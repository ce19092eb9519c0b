// Package preset holds, as data, the account set-ups of the source products:
// their roles, grants, caps, enabled modules and policy.
package preset

import (
	"github.com/rolesconsole/console/shared/account"
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
const Default = "saas-admin"

// All lists the presets by key.
var All = map[string]Preset{
	SaaSAdmin.Key: SaaSAdmin,
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
