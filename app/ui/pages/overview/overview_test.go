package overview

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

func TestGroupGrants(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		want []grantGroup
	}{
		{"none", nil, nil},
		{
			"catalog order and names, whatever the input order",
			[]string{"roles.view", "users.edit", "users.view"},
			[]grantGroup{
				{module: "Users", actions: []grantedAction{{name: "View"}, {name: "Edit"}}},
				{module: "Roles & permissions", actions: []grantedAction{{name: "View"}}},
			},
		},
		{
			"own only, unless also granted in full",
			[]string{"contacts.edit:own", "contacts.delete:own", "contacts.delete"},
			[]grantGroup{{module: "Contacts", actions: []grantedAction{{name: "Edit", own: true}, {name: "Delete"}}}},
		},
		{
			"unknown to the catalog: kept under their keys",
			[]string{"invoices.refund", "invoices.view", "pharmacy.dispense", "not an id"},
			[]grantGroup{
				{module: "Invoices", actions: []grantedAction{{name: "View"}, {name: "refund"}}},
				{module: "pharmacy", actions: []grantedAction{{name: "dispense"}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupGrants(tt.ids); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("groupGrants(%v) =\n%+v\nwant\n%+v", tt.ids, got, tt.want)
			}
		})
	}
}

func TestOverviewAccount(t *testing.T) {
	page := uitest.Render(t, &Page{Me: uitest.SampleMe()})
	text := page.MustTestID(t, "overview").Text()
	for _, want := range []string{
		"Welcome, Grace.",
		"Harbour Clinic",
		"Business",
		"4 of 15 in use",
		"SaaS admin users (Super Admin, Admin, Staff, Read-Only)",
		"Two-factor requirement Optional",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("overview lacks %q:\n%s", want, text)
		}
	}
}

func TestOverviewPermissions(t *testing.T) {
	page := uitest.Render(t, &Page{Me: uitest.SampleMe()})
	perms := page.MustTestID(t, "overview-permissions")
	var groups []string
	for _, g := range perms.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "perm-group" }) {
		groups = append(groups, g.Text())
	}
	want := []string{"Users View Edit", "Roles & permissions View", "Contacts Edit (own only)"}
	if !reflect.DeepEqual(groups, want) {
		t.Errorf("groups = %q, want %q", groups, want)
	}
	if !strings.Contains(perms.Text(), "only on the records you created") {
		t.Error("own-only grants not explained")
	}
	access := page.All(func(e *uitest.Node) bool { return e.Attrs["aria-labelledby"] == "access-title" })[0].Text()
	if !strings.Contains(access, "Admin") || !strings.Contains(access, uitest.Admin.Description) {
		t.Errorf("access card = %q", access)
	}
}

func TestOverviewExplainsRole(t *testing.T) {
	tests := []struct {
		name string
		role *role.Role
		want string
	}{
		{"super admin", &role.Role{Name: "Super Admin", Color: "purple", SuperAdmin: true}, "full access to everything"},
		{"no role", nil, "You have no role yet"},
		{"role without description", &role.Role{Name: "Front Desk", Color: "teal"}, "Your permissions come from the Front Desk role."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			me := uitest.SampleMe()
			me.Role = tt.role
			if got := uitest.Render(t, &Page{Me: me}).Text(); !strings.Contains(got, tt.want) {
				t.Errorf("overview lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

func TestOverviewWithoutPermissions(t *testing.T) {
	page := uitest.Render(t, &Page{Me: api.Me{User: api.User{ID: "u"}}})
	if got := page.MustTestID(t, "overview-permissions").Text(); got != "You hold no permissions." {
		t.Errorf("permissions = %q", got)
	}
}
