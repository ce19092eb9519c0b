package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// The lists that come nil from the store and the presets (a role's
// permissions, the roles a 2FA policy names) are written as [], and
// nothing else of the wire format changes: the same fields, in the same
// order, wherever they are written.
func TestNilListsAreWrittenEmpty(t *testing.T) {
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		{"role", role.Role{ID: "r"}, `{"id":"r","name":"","description":"","color":"","rank":0,"max_holders":0,"system":false,"locked":false,"super_admin":false,"private":false,"permissions":[]}`},
		{"role pointer", &role.Role{Permissions: []string{"a.view"}}, `"permissions":["a.view"]}`},
		{"api role keeps its holders last", api.Role{Role: role.Role{ID: "r"}, Holders: 2}, `,"private":false,"permissions":[],"holders":2}`},
		{"2FA policy", account.TwoFactor{Required: "none"}, `{"required":"none","roles":[],"grace_days":0,"since":"0001-01-01T00:00:00Z"}`},
		{"account", api.Account{}, `"policy":{"two_factor":{"required":"","roles":[],`},
		{"roles", api.RoleList{Items: []api.Role{{Holders: 1}}}, `"permissions":[],"holders":1}]}`},
		{"preset", api.Preset{Roles: []role.Role{{}}}, `"permissions":[]}]}`},
		{"me role", api.Me{Role: &role.Role{}}, `"private":false,"permissions":[]},"account"`},
	} {
		b, err := json.Marshal(c.v)
		if err != nil || !strings.Contains(string(b), c.want) {
			t.Errorf("%s: %s, %v; want %s", c.name, b, err, c.want)
		}
	}
}
