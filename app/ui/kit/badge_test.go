package kit

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/role"
)

func TestRoleBadge(t *testing.T) {
	tests := []struct {
		role  *role.Role
		class string
		text  string
	}{
		{&role.Role{ID: "admin", Name: "Admin", Color: "blue"}, "badge-blue", "Admin"},
		{&role.Role{Name: "Owner", Color: "orange"}, "badge-orange", "Owner"},
		{&role.Role{Name: "Odd", Color: "magenta"}, "badge-grey", "Odd"},
		{&role.Role{ID: "account_manager", Name: "Glovora Account Manager", Color: "teal"}, "badge-teal", "Glovora Account Manager"},
		{nil, "badge-grey", "No role"},
	}
	for _, tt := range tests {
		badge := RoleBadge(tt.role)
		// Cut short on screen, whole in the tooltip.
		if err := app.Match(app.Span().Class("badge", tt.class).Title(tt.text), badge); err != nil {
			t.Errorf("%s: %v", tt.text, err)
		}
		if err := app.Match(app.Text(tt.text), badge, 0); err != nil {
			t.Errorf("%s: %v", tt.text, err)
		}
	}
}

func TestInitials(t *testing.T) {
	tests := map[string]string{
		"Grace Hopper":       "GH",
		"ada king lovelace":  "AL",
		"Émile":              "É",
		"  ":                 "?",
		"Zoë   van der Berg": "ZB",
	}
	for name, want := range tests {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
}
