package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// A nil list or map is written as [] or {}, and nothing else of the wire
// format changes: the same fields, in the same order.
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
		{"account modules", api.Account{}, `"modules":[],"revision":0}`},
		{"me", api.Me{Role: &role.Role{}}, `"permissions":[],"csrf_token":""`},
		{"me role", api.Me{Role: &role.Role{}}, `"private":false,"permissions":[]},"account"`},
		{"catalog", api.Catalog{}, `{"modules":[]}`},
		{"roles", api.RoleList{}, `{"items":[]}`},
		{"matrix", api.Matrix{Grants: map[string][]string{"r": nil}}, `{"modules":[],"roles":[],"grants":{"r":[]}}`},
		{"matrix without grants", api.Matrix{}, `{"modules":[],"roles":[],"grants":{}}`},
		{"audit page", api.AuditPage{}, `{"items":[],"next_cursor":""}`},
		{"effective", api.Effective{}, `{"permissions":[]}`},
		{"preset", api.Preset{}, `{"key":"","name":"","roles":[]}`},
		{"users", api.UserList{}, `{"items":[],"next_cursor":""}`},
		{"user stats", api.UserStats{}, `{"by_role":{},"pending_invites":0}`},
		{"mail", api.MailList{}, `{"items":[]}`},
		{"recovery codes", api.RecoveryCodes{}, `{"recovery_codes":[]}`},
		{"sessions", api.SessionList{}, `{"items":[]}`},
		{"suggestions", api.Suggestions{Items: []api.Suggestion{{Kind: "k"}}}, `{"passed":0,"total":0,"items":[{"kind":"k","severity":"","title":"","advice":"","users":[],"fix":""}]}`},
		{"no suggestions", api.Suggestions{}, `"items":[]}`},
	} {
		b, err := json.Marshal(c.v)
		if err != nil || !strings.Contains(string(b), c.want) {
			t.Errorf("%s: %s, %v; want %s", c.name, b, err, c.want)
		}
	}
}
