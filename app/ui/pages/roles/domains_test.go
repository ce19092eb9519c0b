package roles

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
)

// The role form sets the email domains a role is limited to: labelled,
// checked as the server checks them, sent only when changed; greyed out,
// with the rule's sentence, on the person's own role.
func TestRoleFormDomains(t *testing.T) {
	f := withCustomRole(0)
	c, e, ctx := loadRoles(t, f, uitest.MeAs("admin"))
	c.form.openEdit(ctx, c, "front_desk")
	page := uitest.Render(t, c)
	in := page.MustTestID(t, "role-domains")
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == in.Attrs["id"] }); len(labels) != 1 || labels[0].Text() != "Limited to email domains" {
		t.Errorf("domains not labelled: %v", labels)
	}
	if in.Attrs["disabled"] != "" || !strings.Contains(page.MustTestID(t, "role-domains-hint").Text(), "Comma separated") {
		t.Errorf("domains field %v", in.Attrs)
	}

	c.form.Form.domains = "vendor@example.com"
	c.form.submit(ctx, c)
	if got := uitest.Render(t, c).MustTestID(t, "role-domains-error").Text(); !strings.Contains(got, "without a name and @") {
		t.Errorf("an email as a domain: %q", got)
	}
	if len(f.Patched) != 0 {
		t.Fatalf("sent %+v", f.Patched)
	}
	c.form.Form.domains = " Vendor.example, other.example "
	c.form.submit(ctx, c)
	e.ConsumeAll()
	if len(f.Patched) != 1 || f.Patched[0].Domains == nil || !slices.Equal(*f.Patched[0].Domains, []string{"vendor.example", "other.example"}) || f.Patched[0].Name != nil {
		t.Fatalf("patch %+v", f.Patched)
	}

	if got := uitest.Render(t, c).MustTestID(t, "role-card-front_desk").Text(); !strings.Contains(got, "only for emails at vendor.example, other.example") {
		t.Errorf("the card reads %q", got)
	}

	// Editing again shows them; emptied, the limit is lifted.
	c.form.openEdit(ctx, c, "front_desk")
	if got := uitest.Render(t, c).MustTestID(t, "role-domains").Attrs["value"]; got != "vendor.example, other.example" {
		t.Errorf("domains read %q", got)
	}
	c.form.Form.domains = ""
	c.form.submit(ctx, c)
	e.ConsumeAll()
	if p := f.Patched[len(f.Patched)-1]; p.Domains == nil || len(*p.Domains) != 0 {
		t.Errorf("lifting the limit sent %+v", p)
	}

	// Their own role: the rest may change, the domains are greyed out.
	c.form.openEdit(ctx, c, "admin")
	page = uitest.Render(t, c)
	const why = "You cannot change who may hold your own role."
	if in := page.MustTestID(t, "role-domains"); in.Attrs["disabled"] != "true" || !strings.Contains(uitest.DescribedBy(page, in), why) {
		t.Errorf("own role's domains %v described %q", in.Attrs, uitest.DescribedBy(page, in))
	}
	c.form.Form.domains = "vendor.example"
	c.form.Form.description = "Runs the clinic's console."
	c.form.submit(ctx, c)
	e.ConsumeAll()
	if p := f.Patched[len(f.Patched)-1]; p.Domains != nil || p.Description == nil {
		t.Errorf("own role patch %+v", p)
	}
}
