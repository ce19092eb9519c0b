package users

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// statusBadge says where a user stands; a pending invitation in amber, as
// something that waits on the person invited.
func statusBadge(u api.User) app.HTMLSpan {
	b := app.Span().DataSet("testid", "user-status-"+u.ID)
	switch u.Status {
	case rules.StatusActive:
		return b.Class("badge", "badge-status-active").Text("Active")
	case rules.StatusInvited:
		if u.InviteExpired {
			return b.Class("badge", "badge-expired").Text("Invite expired")
		}
		return b.Class("badge", "badge-amber").Text("Pending invite")
	case rules.StatusDisabled:
		return b.Class("badge", "badge-status-off").Text("Disabled")
	case rules.StatusRevoked:
		return b.Class("badge", "badge-status-off").Text("Revoked")
	case rules.StatusDeleted:
		return b.Class("badge", "badge-status-off").Text("Deleted")
	case rules.StatusNoLogin:
		return b.Class("badge", "badge-status-off").Text("No login")
	}
	return b.Class("badge", "badge-status-off").Text(u.Status)
}

// userFacts are the row's details after the name.
func userFacts(u api.User) []app.UI {
	var out []app.UI
	switch u.Status {
	case rules.StatusInvited:
		out = append(out, app.Span().Class("fact-item").Text("Invited "+kit.ShortDate(u.CreatedAt)))
		if u.InviteExpiresAt != nil && !u.InviteExpired {
			out = append(out, app.Span().Class("fact-item").Text("Link works until "+kit.ShortDate(*u.InviteExpiresAt)))
		}
	case rules.StatusDeleted, rules.StatusRevoked:
		out = append(out, app.Span().Class("fact-item").Text(lastSignIn(u)))
	case rules.StatusNoLogin:
		added := "Added " + kit.ShortDate(u.CreatedAt)
		if u.CreatedBy != nil {
			added += " by " + u.CreatedBy.Name
		}
		out = append(out, app.Span().Class("fact-item").Text(added))
	default:
		if u.TOTPEnabled {
			out = append(out, app.Span().Class("tfa", "tfa-on").DataSet("testid", "user-2fa-"+u.ID).Text("2FA on"))
		} else {
			out = append(out, app.Span().Class("tfa", "tfa-off").DataSet("testid", "user-2fa-"+u.ID).Text("2FA off"))
		}
		out = append(out, app.Span().Class("fact-item").Text(lastSignIn(u)))
	}
	return out
}

// displayName is how a row names the user: their name, or their email
// while they have none.
func displayName(u api.User) string {
	if u.Name == "" {
		return u.Email
	}
	return u.Name
}

func lastSignIn(u api.User) string {
	if u.LastLoginAt == nil {
		return "Never signed in"
	}
	return "Last sign-in " + kit.DateTime(*u.LastLoginAt)
}

func (c *Page) userRow(r userRules, u api.User) app.UI {
	ro := r.role(u.RoleID)
	var rp *role.Role
	if u.RoleID != "" {
		rp = &ro
	}
	primary, more := r.rowActions(u)
	name := displayName(u)
	classes := []string{"user-row"}
	if u.ID == c.highlight {
		classes = append(classes, "user-row-highlight")
	}
	// Why controls are disabled, written once per row.
	reasons := &rowReasons{id: "user-why-" + u.ID}
	for _, a := range append(slices.Clone(primary), more...) {
		if a.no != nil {
			reasons.add(a.no.Message)
		}
	}
	facts := userFacts(u)
	return app.Li().ID("user-row-"+u.ID).Class(classes...).DataSet("testid", "user-row-"+u.ID).TabIndex(-1).Body(
		app.Div().Class("user-who").Body(
			kit.Avatar(name, rp),
			app.Div().Class("user-ident").Body(
				app.Span().Class("user-row-name").Body(
					app.Text(name),
					app.If(u.ID == c.Me.User.ID, func() app.UI { return app.Span().Class("tag", "you-tag").Text("You") }),
				),
				app.Span().Class("user-row-email").Text(u.Email),
			),
		),
		app.Div().Class("user-facts").Body(
			kit.RoleBadge(rp).DataSet("testid", "user-role-"+u.ID),
			statusBadge(u),
			app.If(kit.HasOverrides(u.Overrides), func() app.UI { return kit.OverridesBadge(u) }),
			app.Range(facts).Slice(func(i int) app.UI { return facts[i] }),
		),
		c.rowActions(u, name, primary, more, reasons),
		app.If(c.linkShown == u.ID && c.data.inviteLinks[u.ID] != "", func() app.UI { return c.inviteLinkField(u, name) }),
		app.If(len(reasons.list) > 0, func() app.UI {
			return app.Ul().Class("user-why").Body(
				app.Range(reasons.list).Slice(func(i int) app.UI {
					return app.Li().ID(reasons.id + "-" + strconv.Itoa(i)).Class("why").Text(reasons.list[i])
				}),
			)
		}),
	)
}

// rowReasons numbers a row's distinct reasons for disabled controls.
type rowReasons struct {
	id   string
	list []string
}

func (r *rowReasons) add(msg string) string {
	i := slices.Index(r.list, msg)
	if i < 0 {
		i = len(r.list)
		r.list = append(r.list, msg)
	}
	return r.id + "-" + strconv.Itoa(i)
}

func (c *Page) rowActions(u api.User, name string, primary, more []userAction, reasons *rowReasons) app.UI {
	id := u.ID
	moreID, menuID := "user-more-"+id, "user-menu-"+id
	open := c.openMenu == id
	button := func(a userAction, returnTo string, classes ...string) app.UI {
		testID := "user-action-" + a.key + "-" + id
		b := app.Button().Type("button").ID(testID).Class(append([]string{"btn", "btn-small"}, classes...)...).
			DataSet("testid", testID).Aria("label", a.label+": "+name).Text(a.label)
		if a.no != nil {
			return b.Disabled(true).Aria("describedby", reasons.add(a.no.Message))
		}
		key := a.key
		return b.OnClick(func(app.Context, app.Event) { c.start(c.ctx, id, key, returnTo) }, app.EventScope(id, key))
	}
	menu := app.Div().ID(menuID).Class("user-menu").DataSet("testid", menuID).
		OnKeyDown(func(ctx app.Context, e app.Event) {
			if e.Get("key").String() == "Escape" {
				c.openMenu = ""
				kit.Focus(ctx, moreID)
			}
		}, app.EventScope(id)).
		Body(app.Range(more).Slice(func(i int) app.UI {
			return button(more[i], moreID, "btn-menu")
		}))
	if !open {
		menu = menu.Hidden(true)
	}
	return app.Div().Class("user-actions").Body(
		app.If(c.copiesInvite(u), func() app.UI { return c.copyInviteButton(u, name) }),
		app.Range(primary).Slice(func(i int) app.UI {
			return button(primary[i], "user-action-"+primary[i].key+"-"+id, "btn-secondary")
		}),
		app.If(len(more) > 0, func() app.UI {
			return app.Div().Class("menu-wrap").Body(
				app.Button().Type("button").ID(moreID).Class("btn", "btn-secondary", "btn-small", "menu-toggle").
					DataSet("testid", moreID).Aria("expanded", open).Aria("controls", menuID).
					Aria("label", "More actions: "+name).
					OnClick(func(ctx app.Context, _ app.Event) {
						if c.openMenu == id {
							c.openMenu = ""
							return
						}
						c.openMenu = id
						// The first enabled action takes the focus.
						ctx.Defer(func(app.Context) {
							if b := app.Window().Get("document").Call("querySelector", "#"+menuID+" button:not(:disabled)"); b.Truthy() {
								b.Call("focus")
							}
						})
					}, app.EventScope(id)).
					Body(app.Text("More"), app.Span().Class("chevron").Aria("hidden", "true")),
				menu,
			)
		}),
	)
}

// copiesInvite reports whether u's row offers to copy their invitation
// link: a pending invitation whose link still works, kept in the outbox
// (read only by those allowed to), where no mail server sent it.
func (c *Page) copiesInvite(u api.User) bool {
	return u.Status == rules.StatusInvited && !u.InviteExpired && c.data.inviteLinks[u.ID] != ""
}

func (c *Page) copyInviteButton(u api.User, name string) app.UI {
	id := u.ID
	testID := "user-copy-invite-" + id
	return app.Button().Type("button").ID(testID).Class("btn", "btn-small", "btn-secondary").DataSet("testid", testID).
		Aria("label", "Copy invitation link: "+name).
		OnClick(func(ctx app.Context, _ app.Event) { c.copyInvite(ctx, id) }, app.EventScope(id, "copy")).
		Text("Copy invitation link")
}

// copyInvite puts the user's link on the clipboard and says so; where the
// browser refuses, the link shows in a field, selected, to copy by hand.
// The link is read when asked for: a new invitation replaces it.
func (c *Page) copyInvite(ctx app.Context, id string) {
	u, ok := c.user(id)
	link := c.data.inviteLinks[id]
	if !ok || link == "" {
		return
	}
	name := displayName(u)
	kit.CopyText(ctx, link, func(ok bool) {
		if ok {
			c.linkShown, c.status = "", "Copied "+name+"'s invitation link."
			return
		}
		c.linkShown, c.status = id, "Copying failed: "+name+"'s invitation link is selected below; copy it with Ctrl+C (⌘C on a Mac)."
		kit.Select(ctx, "user-invite-link-"+id)
	})
}

// inviteLinkField shows the link read-only, for copying by hand.
func (c *Page) inviteLinkField(u api.User, name string) app.UI {
	id := "user-invite-link-" + u.ID
	return app.Div().Class("user-invite-link").Body(
		kit.Field{ID: id, Label: "Invitation link for " + name}.Input(
			app.Input().Type("text").ReadOnly(true).Attr("spellcheck", "false").Value(c.data.inviteLinks[u.ID]).
				OnFocus(func(ctx app.Context, _ app.Event) { ctx.JSSrc().Call("select") }, app.EventScope(u.ID))),
	)
}
