package users_test

import (
	"context"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// A role limited to email domains is given, on creation and on a change of
// role, to people with an email there alone; a refusal names the role's
// field and writes nothing.
func TestRoleDomains(t *testing.T) {
	vendor := role.Role{ID: "vendor", Name: "Vendor Manager", Color: "yellow", Rank: 5, Permissions: []string{"contacts.view"}, Domains: []string{"vendor.example"}}
	tn := servertest.NewTenant(t, []role.Role{vendor}, "admin")
	svc := service(t, tn)
	ctx := context.Background()
	admin := tn.As["admin"]
	inside := tn.Add(t, "in@Vendor.Example", "staff", rules.StatusActive)
	outside := tn.Add(t, "out@clinic.example", "staff", rules.StatusActive)
	cases := []struct {
		name string
		do   func() error
		code string
	}{
		{"adding someone of the vendor", func() error {
			_, _, err := svc.Create(ctx, admin, api.CreateUser{Name: "Vera", Email: "vera@VENDOR.example", RoleID: "vendor", Password: "a-long-vendor-password-1"})
			return err
		}, ""},
		{"adding someone of the clinic", func() error {
			_, _, err := svc.Create(ctx, admin, api.CreateUser{Name: "Cleo", Email: "cleo@clinic.example", RoleID: "vendor", Password: "a-long-vendor-password-1"})
			return err
		}, api.CodeInvalidInput},
		{"adding someone of a vendor's subdomain", func() error {
			_, _, err := svc.Create(ctx, admin, api.CreateUser{Name: "Sub", Email: "sub@eu.vendor.example", RoleID: "vendor"})
			return err
		}, api.CodeInvalidInput},
		{"moving someone of the vendor", func() error {
			_, err := svc.Patch(ctx, admin, inside, api.PatchUser{RoleID: ptr("vendor")})
			return err
		}, ""},
		{"moving someone of the clinic", func() error {
			_, err := svc.Patch(ctx, admin, outside, api.PatchUser{RoleID: ptr("vendor")})
			return err
		}, api.CodeInvalidInput},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := tn.Account(t)
			err := c.do()
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("%q (%v); want %q", got, err, c.code)
			}
			if c.code == "" {
				return
			}
			no := err.(*rules.Refusal)
			if want := "Vendor Manager is for people with an email at vendor.example."; no.Message != want || no.Fields["role_id"] != want {
				t.Errorf("refused with %+v", no)
			}
			if after := tn.Account(t); after.Revision != before.Revision || len(after.Members) != len(before.Members) {
				t.Errorf("a refused change wrote the account: revision %d -> %d", before.Revision, after.Revision)
			}
		})
	}
	// The refused new user's document went again: the email is free.
	if left := memberships(t, tn, "cleo@clinic.example"); left != 0 {
		t.Errorf("the refused user is still there: %d memberships", left)
	}
	if got := tn.Account(t).Members[outside].RoleID; got != "staff" {
		t.Errorf("the refused move left %q", got)
	}
}
