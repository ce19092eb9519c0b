package roles_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rolesconsole/console/server/audit"
	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

func domains(ds ...string) *[]string { return &ds }

// A role's email domains are set by whoever may edit it, checked and kept
// lower-cased; holders outside keep the role; undoing the change puts the
// domains back as they were.
func TestPatchDomains(t *testing.T) {
	tn := servertest.NewTenant(t, []role.Role{clerk}, "admin", "staff")
	outsider := tn.Add(t, "out@clinic.example", "clerk", rules.StatusActive)
	svc := roles.New(tn.Store)
	ctx := context.Background()
	cases := []struct {
		name, who, role string
		in              *[]string
		code            string
		want            []string
	}{
		{"an admin limits a role", "admin", "clerk", domains(" Vendor.Example", "vendor.example", "other.example"), "", []string{"vendor.example", "other.example"}},
		{"not a domain", "admin", "clerk", domains("vendor"), api.CodeInvalidInput, nil},
		{"an email for a domain", "admin", "clerk", domains("a@vendor.example"), api.CodeInvalidInput, nil},
		{"an admin limits their own role", "admin", "admin", domains("vendor.example"), api.CodeSelfRestriction, nil},
		{"staff may not", "staff", "clerk", domains("vendor.example"), api.CodeForbidden, nil},
		{"the super admin limits their own", "super_admin", "super_admin", domains("tenant.example"), "", []string{"tenant.example"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := svc.Patch(ctx, tn.Fresh(t, c.who), c.role, api.PatchRole{Domains: c.in})
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("%q (%v); want %q", got, err, c.code)
			}
			if c.code != "" {
				if no := err.(*rules.Refusal); no.Code == api.CodeInvalidInput && no.Fields["domains"] == "" {
					t.Errorf("refused without a word on domains: %+v", no)
				}
				return
			}
			if !slices.Equal(r.Domains, c.want) {
				t.Errorf("domains %v; want %v", r.Domains, c.want)
			}
		})
	}
	if got := tn.Account(t).Members[outsider].RoleID; got != "clerk" {
		t.Errorf("the holder outside the new domains lost the role: %q", got)
	}

	// Undo of the first change: no domains again.
	log := audit.New(tn.Store, roles.Undoers())
	entries, _, _, err := tn.Store.Audit.Page(ctx, tn.Account(t), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, e := range entries {
		if e.Action == "role.update" && e.Target.ID == "clerk" {
			first = e.ID
		}
	}
	if first == "" {
		t.Fatal("no role.update of clerk recorded")
	}
	if _, err := log.Undo(ctx, tn.Fresh(t, "admin"), first); err != nil {
		t.Fatal(err)
	}
	if r, _ := tn.Account(t).Role("clerk"); len(r.Domains) != 0 {
		t.Errorf("after the undo clerk is limited to %v", r.Domains)
	}
}

// Undoing a role's deletion gives it back to its former holders whose
// email its domains allow; one outside stays without a role.
func TestUndeleteSkipsHoldersOutsideTheDomains(t *testing.T) {
	limited := clerk
	limited.Domains = []string{"vendor.example"}
	tn := servertest.NewTenant(t, []role.Role{limited}, "admin")
	inside := tn.Add(t, "in@vendor.example", "clerk", rules.StatusActive)
	outside := tn.Add(t, "out@clinic.example", "clerk", rules.StatusActive)
	ctx := context.Background()
	if err := roles.New(tn.Store).Delete(ctx, tn.Fresh(t, "admin"), "clerk"); err != nil {
		t.Fatal(err)
	}
	entries, _, _, err := tn.Store.Audit.Page(ctx, tn.Account(t), "", 1)
	if err != nil || len(entries) != 1 || entries[0].Action != "role.delete" {
		t.Fatalf("%v %v", entries, err)
	}
	if _, err := audit.New(tn.Store, roles.Undoers()).Undo(ctx, tn.Fresh(t, "admin"), entries[0].ID); err != nil {
		t.Fatal(err)
	}
	a := tn.Account(t)
	if got := a.Members[inside].RoleID; got != "clerk" {
		t.Errorf("the holder inside has %q", got)
	}
	if got := a.Members[outside].RoleID; got != "" {
		t.Errorf("the holder outside was given %q again", got)
	}
	if r, _ := a.Role("clerk"); !slices.Equal(r.Domains, limited.Domains) {
		t.Errorf("the role came back limited to %v", r.Domains)
	}
}
