package users

import (
	"maps"
	"slices"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

// outbox holds, newest first, Ivy's second invitation, Ivy's first
// (replaced), Olga's (expired since) and a reset link.
var outbox = []api.MailMessage{
	{ID: "m4", To: "ivy@clinic.example", Subject: "You are invited to Harbour Clinic", InviteFor: "u-ivy", InviteLink: "https://console.example/invite?token=ivy-2"},
	{ID: "m3", To: "ada@clinic.example", Subject: "Reset your password for Harbour Clinic"},
	{ID: "m2", To: "ivy@clinic.example", Subject: "You are invited to Harbour Clinic", InviteFor: "u-ivy", InviteLink: "https://console.example/invite?token=ivy-1"},
	{ID: "m1", To: "olga@clinic.example", Subject: "You are invited to Harbour Clinic", InviteFor: "u-olga", InviteLink: "https://console.example/invite?token=olga-1"},
}

// A pending invitation's row offers its link to whoever may read the
// outbox, where the link is kept when no mail server sends it: the newest
// invitation's, and none for one expired since.
func TestCopyInvitationLinkIsOfferedToThoseWhoReadTheOutbox(t *testing.T) {
	for _, tc := range []struct {
		name   string
		viewer string
		mail   []api.MailMessage
		want   []string
	}{
		{"super admin, mail kept in the outbox", "super_admin", outbox, []string{"user-copy-invite-u-ivy"}},
		{"super admin, mail sent by a mail server", "super_admin", nil, nil},
		{"admin, who may not read the outbox", "admin", outbox, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, _ := loadUsers(t, &uitest.Fake{MailItems: tc.mail}, usersMe(tc.viewer))
			if got := uitest.Render(t, c).TestIDs("user-copy-invite-"); !slices.Equal(got, tc.want) {
				t.Errorf("copy buttons %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInviteLinksTakeEachUsersNewest(t *testing.T) {
	want := map[string]string{"u-ivy": "https://console.example/invite?token=ivy-2", "u-olga": "https://console.example/invite?token=olga-1"}
	if got := inviteLinks(outbox); !maps.Equal(got, want) {
		t.Errorf("links %v, want %v", got, want)
	}
}

// Copying says so in the page's live region; where the browser has no
// clipboard to give (as here, outside one), the link shows in a read-only
// field, labelled, to copy by hand.
func TestCopyInvitationLinkFallsBackToAField(t *testing.T) {
	f := &uitest.Fake{MailItems: outbox}
	c, e, ctx := loadUsers(t, f, usersMe("super_admin"))
	page := uitest.Render(t, c)
	b := page.MustTestID(t, "user-copy-invite-u-ivy")
	if b.Text() != "Copy invitation link" || b.Attrs["aria-label"] != "Copy invitation link: Ivy Invited" {
		t.Errorf("button %q %v", b.Text(), b.Attrs)
	}
	if page.ByTestID("user-invite-link-u-ivy") != nil {
		t.Error("the link shows before anyone asked to copy it")
	}
	c.copyInvite(ctx, "u-ivy")
	e.ConsumeAll()
	page = uitest.Render(t, c)
	field := page.MustTestID(t, "user-invite-link-u-ivy")
	if field.Attrs["value"] != "https://console.example/invite?token=ivy-2" || field.Attrs["readonly"] != "true" {
		t.Errorf("link field %v", field.Attrs)
	}
	if labels := page.All(func(n *uitest.Node) bool { return n.Tag == "label" && n.Attrs["for"] == "user-invite-link-u-ivy" }); len(labels) != 1 || labels[0].Text() != "Invitation link for Ivy Invited" {
		t.Errorf("link field labelled %v", labels)
	}
	status := page.MustTestID(t, "users-status")
	if status.Attrs["role"] != "status" || status.Text() != "Copying failed: Ivy Invited's invitation link is selected below; copy it with Ctrl+C (⌘C on a Mac)." {
		t.Errorf("status %q %v", status.Text(), status.Attrs)
	}

	// Invited again: the new link is the one shown and copied.
	f.MailItems = append([]api.MailMessage{{ID: "m5", To: "ivy@clinic.example", InviteFor: "u-ivy", InviteLink: "https://console.example/invite?token=ivy-3"}}, outbox...)
	c.load(ctx)
	e.ConsumeAll()
	c.copyInvite(ctx, "u-ivy")
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "user-invite-link-u-ivy").Attrs["value"]; got != "https://console.example/invite?token=ivy-3" {
		t.Errorf("after a new invitation the link shown is %q", got)
	}
}
