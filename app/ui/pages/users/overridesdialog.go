package users

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// ---------- Per-user permissions ----------

// Override choices of one action.
const (
	ovInherit = "inherit"
	ovGrant   = "grant"
	ovOwn     = "own"
	ovDeny    = "deny"
)

type overridesForm struct {
	userID, name string
	// choice per action ("module.action"); inherit when absent.
	choice map[string]string
	// kept are override ids of modules not shown (kept as they are).
	keptGrant, keptDeny []string
	// effective maps a held permission id to its source; nil until read.
	effective map[string]string
	effErr    string
	problem   string
}

// overridesDialog grants and denies permissions to one person, on top of
// their role.
type overridesDialog struct{ kit.Dialog[overridesForm] }

// open shows u's overrides over the account's modules.
func (d *overridesDialog) open(ctx app.Context, u api.User, modules []string, returnTo string) {
	f := &overridesForm{userID: u.ID, name: u.Name, choice: map[string]string{}}
	shown := map[string]bool{}
	for _, base := range perm.All(perm.Modules(modules)) {
		shown[base] = true
	}
	for _, g := range u.Overrides.Grant {
		base, own := strings.CutSuffix(g, ":own")
		switch {
		case !shown[base]:
			f.keptGrant = append(f.keptGrant, g)
		case own:
			f.choice[base] = ovOwn
		default:
			f.choice[base] = ovGrant
		}
	}
	for _, d := range u.Overrides.Deny {
		base, _ := strings.CutSuffix(d, ":own")
		if !shown[base] {
			f.keptDeny = append(f.keptDeny, d)
			continue
		}
		f.choice[base] = ovDeny
	}
	d.Open(ctx, "overrides-dialog", f, "overrides-cancel", returnTo)
	f.loadEffective(ctx)
}

// loadEffective reads what the person holds now, and why.
func (f *overridesForm) loadEffective(ctx app.Context) {
	id := f.userID
	ctx.Async(func() {
		eff, err := session.API.Effective(ctx, id)
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				f.effErr = session.Message(err)
				return
			}
			f.effective = map[string]string{}
			for _, p := range eff.Permissions {
				f.effective[p.ID] = p.Source
			}
		})
	})
}

// overrides is what the form sets, as the API takes it.
func (f *overridesForm) overrides() perm.Overrides {
	o := perm.Overrides{Grant: slices.Clone(f.keptGrant), Deny: slices.Clone(f.keptDeny)}
	if o.Grant == nil {
		o.Grant = []string{}
	}
	if o.Deny == nil {
		o.Deny = []string{}
	}
	for base, ch := range f.choice {
		switch ch {
		case ovGrant:
			o.Grant = append(o.Grant, base)
		case ovOwn:
			o.Grant = append(o.Grant, base+":own")
		case ovDeny:
			o.Deny = append(o.Deny, base)
		}
	}
	slices.Sort(o.Grant)
	slices.Sort(o.Deny)
	return o
}

// save sets the overrides the form holds, when c's rules allow it.
func (d *overridesDialog) save(ctx app.Context, c *Page) {
	f := d.Form
	if f == nil || d.Busy {
		return
	}
	u, ok := c.user(f.userID)
	if !ok {
		return
	}
	r := c.rules()
	o := f.overrides()
	if no := rules.SetOverrides(r.actor, r.actorID, r.target(u), o.Grant, r.overrides); no != nil {
		f.problem = no.Message
		return
	}
	d.Busy, f.problem = true, ""
	id := f.userID
	ctx.Async(func() {
		_, err := session.API.PatchUser(ctx, id, api.PatchUser{Overrides: &o})
		ctx.Dispatch(func(ctx app.Context) {
			d.Answered(ctx, f, err == nil, "")
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				f.problem = session.Refusal(err)
				return
			}
			saved(ctx, "Permissions of "+f.name+" saved; they apply at once.", true)
		})
	})
}

// effectiveText says whether the person holds an action now, and why.
func effectiveText(eff map[string]string, base string) (string, string) {
	src, full := eff[base]
	if !full {
		var own bool
		if src, own = eff[base+":own"]; !own {
			return "No", "eff-no"
		}
		return "Own records, " + sourceText(src), "eff-own"
	}
	return "Yes, " + sourceText(src), "eff-yes"
}

func sourceText(src string) string {
	switch src {
	case "role":
		return "from the role"
	case "override":
		return "granted to this person"
	case "super_admin":
		return "as super admin"
	}
	return "from " + src
}

// render shows the form of c; its handlers ask c what holds when they run.
func (d *overridesDialog) render(c *Page, r userRules) app.UI {
	f := d.Form
	u, _ := c.user(f.userID)
	t := r.target(u)
	modules := perm.Modules(c.Me.Account.Modules)
	roleName := r.role(u.RoleID).Name
	if roleName == "" {
		roleName = "no role"
	}
	var rows []app.UI
	for _, m := range modules {
		rows = append(rows, app.TBody().Body(
			app.Tr().Class("ov-module").Body(app.Th().Scope("colgroup").ColSpan(3).Text(m.Name)),
			app.Range(m.Actions).Slice(func(i int) app.UI {
				act := m.Actions[i]
				base := perm.ID{Module: m.Key, Action: act.Key}.String()
				return overrideRow(r, t, f, base, act)
			}),
		))
	}
	return d.Modal("overrides-dialog", "overrides-title",
		app.Form().Class("form").Aria("busy", d.Busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				d.save(c.ctx, c)
			}).
			Body(
				app.H2().ID("overrides-title").Class("dialog-title").Text("Permissions of "+f.name),
				app.P().Class("dialog-text").Text("On top of the role ("+roleName+"): grant adds a permission for this person only, deny takes away one the role gives. “Now” says what they can do at this moment, and why."),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return kit.Alert(f.problem).DataSet("testid", "overrides-error")
				})),
				app.Div().Class("slot").Body(app.If(f.effErr != "", func() app.UI {
					return app.P().Class("notice").Text("What they can do now could not be read: " + f.effErr)
				})),
				app.Div().Class("ov-scroll").Role("region").Aria("label", "Permissions").TabIndex(0).Body(
					app.Table().Class("ov-table").Body(
						append([]app.UI{app.THead().Body(app.Tr().Body(
							app.Th().Scope("col").Text("Permission"),
							app.Th().Scope("col").Text("For this person"),
							app.Th().Scope("col").Text("Now"),
						))}, rows...)...,
					),
				),
				app.Div().Class("dialog-actions").Body(
					d.Cancel("overrides-cancel"),
					d.Submit("overrides-save", "Save permissions", "Saving…"),
				),
			),
	).Class("dialog-wide")
}

func overrideRow(r userRules, t rules.Target, f *overridesForm, base string, act perm.Action) app.UI {
	id := "override-" + base
	ch := f.choice[base]
	if ch == "" {
		ch = ovInherit
	}
	grantNo := rules.SetOverrides(r.actor, r.actorID, t, []string{base}, r.overrides)
	ownNo := rules.SetOverrides(r.actor, r.actorID, t, []string{base + ":own"}, r.overrides)
	options := []app.UI{app.Option().Value(ovInherit).Selected(ch == ovInherit).Text("As the role says")}
	grant := app.Option().Value(ovGrant).Selected(ch == ovGrant).Text("Grant")
	if grantNo != nil && ch != ovGrant {
		grant = grant.Disabled(true).Text("Grant (not yours to give)")
	}
	options = append(options, grant)
	if act.OwnScope {
		own := app.Option().Value(ovOwn).Selected(ch == ovOwn).Text("Grant for own records")
		if ownNo != nil && ch != ovOwn {
			own = own.Disabled(true).Text("Grant for own records (not yours to give)")
		}
		options = append(options, own)
	}
	options = append(options, app.Option().Value(ovDeny).Selected(ch == ovDeny).Text("Deny"))

	now, nowClass := "…", "eff-loading"
	if f.effective != nil {
		now, nowClass = effectiveText(f.effective, base)
	}
	return app.Tr().Body(
		app.Th().Scope("row").Class("ov-perm").Body(
			app.Label().For(id).Class("perm-name").Text(act.Name),
			app.Code().Class("perm-id").Text(base),
		),
		app.Td().Body(
			app.Select().ID(id).Class("input", "select", "ov-select", "ov-"+ch).DataSet("testid", id).
				OnChange(func(ctx app.Context, _ app.Event) {
					v := ctx.JSSrc().Get("value").String()
					if v == ovInherit {
						delete(f.choice, base)
					} else {
						f.choice[base] = v
					}
				}, app.EventScope(base)).
				Body(options...),
		),
		app.Td().Class("ov-now", nowClass).DataSet("testid", "effective-"+base).Text(now),
	)
}
