package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Password limits of the server: at least the account policy's minimum
// (12 by default, never under 8), at most 128 characters, no composition
// rules. The page checks only the floor, which no account goes under; the
// server judges the rest (the account's minimum, breached passwords, the
// person's own name or email) and says so per field.
const (
	minPassword = account.PasswordMinLengthFloor
	maxPassword = 128
)

// passwordLengths is the hints' sentence on length.
var passwordLengths = fmt.Sprintf("At least %d characters (the account's policy may set another minimum), at most %d.",
	account.DefaultPasswordMinLength, maxPassword)

// passwordProblem is what is wrong with a new password that the page can
// tell before asking the server; "" when nothing.
func passwordProblem(pw string) string {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0:
		return "Enter a password."
	case n < minPassword:
		return "Use at least 8 characters."
	case n > maxPassword:
		return "Use at most 128 characters."
	}
	return ""
}

// looksLikeEmail catches typing slips; the server checks for real.
func looksLikeEmail(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\r\n") || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	return local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// fieldErrors reads a 400's per-field messages, renaming the API's fields
// to the form's; nil when err carries none.
func fieldErrors(err error, rename map[string]string) map[string]string {
	e, ok := errors.AsType[*client.Error](err)
	if !ok || len(e.Body.Fields) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range e.Body.Fields {
		if r, ok := rename[k]; ok {
			k = r
		}
		out[k] = v
	}
	return out
}

// hintedSelect is a labelled <select> with a hint under it, its error, and
// why some of its options are greyed out (the rules' sentences).
func hintedSelect(id, label, hint, problem string, why []string, sel app.HTMLSelect) app.UI {
	describedBy := []string{}
	if hint != "" {
		describedBy = append(describedBy, id+"-hint")
	}
	sel = sel.ID(id).Class("input", "select").DataSet("testid", id)
	if problem != "" {
		describedBy = append(describedBy, id+"-error")
		sel = sel.Aria("invalid", "true")
	}
	if len(why) > 0 {
		describedBy = append(describedBy, id+"-why")
	}
	if len(describedBy) > 0 {
		sel = sel.Aria("describedby", strings.Join(describedBy, " "))
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		sel,
		app.P().ID(id+"-hint").Class("field-hint").DataSet("testid", id+"-hint").Aria("live", "polite").Text(hint),
		app.Div().Class("slot").Body(app.If(problem != "", func() app.UI {
			return app.P().ID(id+"-error").Class("field-error").DataSet("testid", id+"-error").Text(problem)
		})),
		app.Div().Class("slot").Body(app.If(len(why) > 0, func() app.UI {
			return app.Div().ID(id+"-why").Class("why-box").DataSet("testid", id+"-why").Body(
				app.P().Class("why").Text("Greyed out, and why:"),
				app.Ul().Class("why-list").Body(app.Range(why).Slice(func(i int) app.UI {
					return app.Li().Class("why").Text(why[i])
				})),
			)
		})),
	)
}

// roleOptions are a role <select>'s options, the current role marked; a
// role the rules refuse stays in the list, greyed out, with the rule in a
// word (the sentence is under the select).
func roleOptions(choices []roleChoice, selected string) []app.UI {
	out := make([]app.UI, len(choices))
	for i, ch := range choices {
		text := ch.role.Name
		if ch.current {
			text += " (current)"
		}
		o := app.Option().Value(ch.role.ID).Selected(selected == ch.role.ID)
		if ch.no != nil {
			o = o.Disabled(true).Title(ch.no.Message).Text(text + " (" + unavailableWord(ch.no) + ")")
		} else {
			o = o.Text(text)
		}
		out[i] = o
	}
	return out
}

// unavailableWord is a refused role's rule, in a word or two.
func unavailableWord(no *rules.Refusal) string {
	switch no.Code {
	case api.CodeRoleCapReached:
		return "full"
	case api.CodeSeatLimitReached:
		return "no seat free"
	case api.CodeLadderDemotion:
		return "down the ladder"
	case api.CodeEscalation:
		return "not yours to give"
	}
	return "not available"
}

// reasons are the distinct sentences of the refused choices, in order.
func reasons(choices []roleChoice) []string {
	var out []string
	for _, ch := range choices {
		if ch.no != nil && !slices.Contains(out, ch.no.Message) {
			out = append(out, ch.no.Message)
		}
	}
	return out
}

// hintedField is checkedField with a hint under the control.
func hintedField(id, label, hint, problem string, input app.HTMLInput) app.UI {
	describedBy := id + "-hint"
	input = input.ID(id).Class("input").DataSet("testid", id)
	if problem != "" {
		input = input.Aria("invalid", "true")
		describedBy += " " + id + "-error"
	}
	return app.Div().Class("field").Body(
		app.Label().Class("label").For(id).Text(label),
		input.Aria("describedby", describedBy),
		app.P().ID(id+"-hint").Class("field-hint").DataSet("testid", id+"-hint").Text(hint),
		app.If(problem != "", func() app.UI {
			return app.P().ID(id+"-error").Class("field-error").DataSet("testid", id+"-error").Text(problem)
		}),
	)
}

// focusFirst puts the focus on the first of ids that has an error.
func focusFirst(ctx app.Context, errs map[string]string, fields ...[2]string) {
	for _, f := range fields {
		if errs[f[0]] != "" {
			focus(ctx, f[1])
			return
		}
	}
}

// ---------- Add a user ----------

type createForm struct {
	name, email, roleID, password string
	setPassword                   bool
	errors                        map[string]string // name, email, role, password
	problem                       string
	busy                          bool
}

const createDialogID = "user-dialog"

var createFields = [][2]string{{"name", "user-name"}, {"email", "user-email"}, {"role", "user-role"}, {"password", "user-password"}}

func (c *UsersPage) openCreate(ctx app.Context) {
	c.create = &createForm{}
	showModal(ctx, createDialogID, "user-name")
}

func (c *UsersPage) closeCreate(ctx app.Context) {
	if c.create == nil || c.create.busy {
		return
	}
	c.create = nil
	closeModal(ctx, createDialogID, "user-create")
}

// check finds what the page can tell is wrong before the server does.
func (f *createForm) check(r userRules) map[string]string {
	errs := map[string]string{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(f.name)); {
	case n == 0:
		errs["name"] = "Enter the person's name."
	case n > 200:
		errs["name"] = "Keep the name under 200 characters."
	}
	if !looksLikeEmail(f.email) {
		errs["email"] = "Enter an email address, like name@example.com."
	}
	if f.roleID == "" {
		errs["role"] = "Pick a role."
	} else if no := r.create(r.role(f.roleID)); no != nil {
		errs["role"] = no.Message
	}
	if f.setPassword {
		if p := passwordProblem(f.password); p != "" {
			errs["password"] = p
		}
	}
	return errs
}

func (c *UsersPage) submitCreate(ctx app.Context) {
	f := c.create
	if f == nil || f.busy {
		return
	}
	f.problem = ""
	if f.errors = f.check(c.rules()); len(f.errors) > 0 {
		focusFirst(ctx, f.errors, createFields...)
		return
	}
	in := api.CreateUser{Name: strings.TrimSpace(f.name), Email: strings.TrimSpace(f.email), RoleID: f.roleID}
	if f.setPassword {
		in.Password = f.password
	}
	f.busy = true
	ctx.Async(func() {
		u, err := server.CreateUser(ctx, in)
		ctx.Dispatch(func(ctx app.Context) { c.created(ctx, f, u, err) })
	})
}

func (c *UsersPage) created(ctx app.Context, f *createForm, u api.User, err error) {
	f.busy = false
	if sessionEnded(ctx, err) {
		return
	}
	if err != nil {
		if errs := fieldErrors(err, map[string]string{"role_id": "role"}); errs != nil {
			f.errors = errs
			if c.create == f {
				focusFirst(ctx, f.errors, createFields...)
			}
		}
		if len(f.errors) == 0 || client.Code(err) != api.CodeInvalidInput {
			f.problem = refusal(err)
		}
		return
	}
	if u.Status == rules.StatusInvited {
		c.status = "Invitation sent to " + u.Email + ". " + u.Name + " is listed under Pending invites until they accept."
	} else {
		c.status = u.Name + " is added and can sign in now."
	}
	if c.create == f {
		c.create = nil
		closeModal(ctx, createDialogID, "user-create")
	}
	c.load(ctx)
}

func (c *UsersPage) createDialog(r userRules) app.UI {
	f := c.create
	save := "Send invitation"
	if f.setPassword {
		save = "Add user"
	}
	if f.busy {
		save = "Saving…"
	}
	submit := app.Button().Type("submit").ID("user-save").Class("btn", "btn-primary").DataSet("testid", "user-save").Text(save)
	if f.busy {
		submit = submit.Disabled(true)
	}
	// Roles the server would refuse stay in the list, greyed out.
	choices := r.createChoices()
	hint := "The role decides what they can do."
	if f.roleID != "" {
		hint = describe(r.role(f.roleID))
	}
	return modal(createDialogID, "user-dialog", "user-dialog-title", func(ctx app.Context, _ app.Event) { c.closeCreate(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).Attr("novalidate", true).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.submitCreate(c.ctx)
			}).
			Body(
				app.H2().ID("user-dialog-title").Class("dialog-title").Text("Add a user"),
				app.P().Class("dialog-text").Text("They get an email invitation to choose their own password, unless you set one now."),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return alert(f.problem).DataSet("testid", "user-dialog-error")
				})),
				checkedField("user-name", "Name", f.errors["name"],
					app.Input().Type("text").Name("name").Required(true).Attr("autocomplete", "off").
						Value(f.name).OnInput(func(ctx app.Context, _ app.Event) {
						f.name = ctx.JSSrc().Get("value").String()
						delete(f.errors, "name")
					})),
				checkedField("user-email", "Email", f.errors["email"],
					app.Input().Type("email").Name("email").Required(true).Attr("autocomplete", "off").Attr("spellcheck", "false").
						Value(f.email).OnInput(func(ctx app.Context, _ app.Event) {
						f.email = ctx.JSSrc().Get("value").String()
						delete(f.errors, "email")
					})),
				hintedSelect("user-role", "Role", hint, f.errors["role"], reasons(choices),
					app.Select().Name("role").Required(true).
						OnChange(func(ctx app.Context, _ app.Event) {
							f.roleID = ctx.JSSrc().Get("value").String()
							delete(f.errors, "role")
						}).
						Body(append([]app.UI{app.Option().Value("").Selected(f.roleID == "").Text("Choose a role")},
							roleOptions(choices, f.roleID)...)...)),
				app.Div().Class("check-field").Body(
					app.Input().Type("checkbox").ID("user-password-toggle").Class("check-input").DataSet("testid", "user-password-toggle").
						Checked(f.setPassword).OnChange(func(ctx app.Context, _ app.Event) {
						f.setPassword = ctx.JSSrc().Get("checked").Bool()
						delete(f.errors, "password")
					}),
					app.Label().For("user-password-toggle").Class("check-label").Text("Set a password now instead of emailing an invitation"),
				),
				app.Div().Class("slot").Body(
					app.If(f.setPassword, func() app.UI {
						return hintedField("user-password", "Password", passwordLengths+" They can sign in at once; give them the password in person.", f.errors["password"],
							app.Input().Type("password").Name("new-password").Attr("autocomplete", "new-password").
								Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
								f.password = ctx.JSSrc().Get("value").String()
								delete(f.errors, "password")
							}))
					}),
					app.If(!f.setPassword, func() app.UI {
						return app.P().Class("hint-box").DataSet("testid", "user-invite-note").
							Text("An invitation goes to the email above. The link works for 7 days; they hold a seat meanwhile.")
					}),
				),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "user-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeCreate(ctx) }).Text("Cancel"),
					submit,
				),
			),
	)
}

// describe is a role's description for people.
func describe(r role.Role) string {
	switch {
	case r.Description != "":
		return r.Description
	case r.SuperAdmin:
		return "Full access to everything, always."
	}
	return "No description."
}

// ---------- Change a role ----------

type roleChange struct {
	userID, name, was, roleID string
	busy                      bool
	problem                   string
	returnTo                  string
}

const roleChangeID = "user-role-dialog"

func (c *UsersPage) openRole(ctx app.Context, id, returnTo string) {
	u, ok := c.user(id)
	if !ok {
		return
	}
	c.roleForm = &roleChange{userID: id, name: u.Name, was: u.RoleID, roleID: u.RoleID, returnTo: returnTo}
	showModal(ctx, roleChangeID, "role-dialog-select")
}

func (c *UsersPage) closeRole(ctx app.Context) {
	if c.roleForm == nil || c.roleForm.busy {
		return
	}
	returnTo := c.roleForm.returnTo
	c.roleForm = nil
	closeModal(ctx, roleChangeID, returnTo)
}

func (c *UsersPage) saveRole(ctx app.Context) {
	f := c.roleForm
	if f == nil || f.busy {
		return
	}
	if f.roleID == f.was {
		c.closeRole(ctx)
		return
	}
	u, ok := c.user(f.userID)
	if !ok {
		return
	}
	r := c.rules()
	next := r.role(f.roleID)
	if no := r.changeRole(u, next); no != nil {
		f.problem = no.Message
		return
	}
	f.busy, f.problem = true, ""
	id, roleID := f.userID, f.roleID
	ctx.Async(func() {
		_, err := server.PatchUser(ctx, id, api.PatchUser{RoleID: &roleID})
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				f.problem = refusal(err)
				return
			}
			c.status = f.name + " is now " + next.Name + "."
			if c.roleForm == f {
				c.roleForm = nil
				closeModal(ctx, roleChangeID, "user-row-"+id)
			}
			c.load(ctx)
		})
	})
}

func (c *UsersPage) roleDialog(r userRules) app.UI {
	f := c.roleForm
	u, _ := c.user(f.userID)
	choices := r.roleChoices(u)
	save := app.Button().Type("submit").ID("role-dialog-save").Class("btn", "btn-primary").DataSet("testid", "role-dialog-save")
	switch {
	case f.busy:
		save = save.Disabled(true).Text("Saving…")
	case f.roleID == f.was:
		save = save.Disabled(true).Text("Save role")
	default:
		save = save.Text("Save role")
	}
	return modal(roleChangeID, "user-role-dialog", "role-dialog-title", func(ctx app.Context, _ app.Event) { c.closeRole(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.saveRole(c.ctx)
			}).
			Body(
				app.H2().ID("role-dialog-title").Class("dialog-title").Text("Change the role of "+f.name),
				app.P().Class("dialog-text").Text("The change applies at once, to every page "+f.name+" has open."),
				app.If(r.ladder, func() app.UI {
					return app.P().Class("notice").DataSet("testid", "role-dialog-ladder").
						Text("This account uses the ladder: roles only move up. To move someone down, delete them and add them again.")
				}),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return alert(f.problem).DataSet("testid", "role-dialog-error")
				})),
				hintedSelect("role-dialog-select", "New role", describe(r.role(f.roleID)), "", reasons(choices),
					app.Select().Name("role").
						OnChange(func(ctx app.Context, _ app.Event) {
							f.roleID = ctx.JSSrc().Get("value").String()
							f.problem = ""
						}).
						Body(roleOptions(choices, f.roleID)...)),
				app.Div().Class("slot").Body(app.If(hasOverrides(u.Overrides), func() app.UI {
					text := f.name + " keeps their per-user overrides whatever the role: " + overridesText(u.Overrides) + "."
					if r.role(f.roleID).SuperAdmin {
						text += " As " + r.role(f.roleID).Name + " they have no effect: a super admin holds every permission."
					}
					return app.P().Class("hint-box").DataSet("testid", "role-dialog-overrides").Text(text)
				})),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "role-dialog-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeRole(ctx) }).Text("Cancel"),
					save,
				),
			),
	)
}

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
	busy      bool
	problem   string
	returnTo  string
}

const overridesDialogID = "overrides-dialog"

func (c *UsersPage) openOverrides(ctx app.Context, id, returnTo string) {
	u, ok := c.user(id)
	if !ok {
		return
	}
	f := &overridesForm{userID: id, name: u.Name, choice: map[string]string{}, returnTo: returnTo}
	shown := map[string]bool{}
	for _, base := range perm.All(perm.Modules(c.Me.Account.Modules)) {
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
	c.overrides = f
	showModal(ctx, overridesDialogID, "overrides-cancel")
	c.loadEffective(ctx, f)
}

func (c *UsersPage) loadEffective(ctx app.Context, f *overridesForm) {
	id := f.userID
	ctx.Async(func() {
		eff, err := server.Effective(ctx, id)
		ctx.Dispatch(func(ctx app.Context) {
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				f.effErr = message(err)
				return
			}
			f.effective = map[string]string{}
			for _, p := range eff.Permissions {
				f.effective[p.ID] = p.Source
			}
		})
	})
}

func (c *UsersPage) closeOverrides(ctx app.Context) {
	if c.overrides == nil || c.overrides.busy {
		return
	}
	returnTo := c.overrides.returnTo
	c.overrides = nil
	closeModal(ctx, overridesDialogID, returnTo)
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

func (c *UsersPage) saveOverrides(ctx app.Context) {
	f := c.overrides
	if f == nil || f.busy {
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
	f.busy, f.problem = true, ""
	id := f.userID
	ctx.Async(func() {
		_, err := server.PatchUser(ctx, id, api.PatchUser{Overrides: &o})
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				f.problem = refusal(err)
				return
			}
			c.status = "Permissions of " + f.name + " saved; they apply at once."
			if c.overrides == f {
				c.overrides = nil
				closeModal(ctx, overridesDialogID, f.returnTo)
			}
			c.load(ctx)
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

func (c *UsersPage) overridesDialog(r userRules) app.UI {
	f := c.overrides
	u, _ := c.user(f.userID)
	t := r.target(u)
	modules := perm.Modules(c.Me.Account.Modules)
	roleName := r.role(u.RoleID).Name
	if roleName == "" {
		roleName = "no role"
	}
	save := app.Button().Type("submit").ID("overrides-save").Class("btn", "btn-primary").DataSet("testid", "overrides-save")
	if f.busy {
		save = save.Disabled(true).Text("Saving…")
	} else {
		save = save.Text("Save permissions")
	}
	var rows []app.UI
	for _, m := range modules {
		rows = append(rows, app.TBody().Body(
			app.Tr().Class("ov-module").Body(app.Th().Scope("colgroup").ColSpan(3).Text(m.Name)),
			app.Range(m.Actions).Slice(func(i int) app.UI {
				act := m.Actions[i]
				base := perm.ID{Module: m.Key, Action: act.Key}.String()
				return c.overrideRow(r, t, f, base, act)
			}),
		))
	}
	return modal(overridesDialogID, "overrides-dialog", "overrides-title", func(ctx app.Context, _ app.Event) { c.closeOverrides(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.saveOverrides(c.ctx)
			}).
			Body(
				app.H2().ID("overrides-title").Class("dialog-title").Text("Permissions of "+f.name),
				app.P().Class("dialog-text").Text("On top of the role ("+roleName+"): grant adds a permission for this person only, deny takes away one the role gives. “Now” says what they can do at this moment, and why."),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return alert(f.problem).DataSet("testid", "overrides-error")
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
					app.Button().Type("button").ID("overrides-cancel").Class("btn", "btn-secondary").DataSet("testid", "overrides-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeOverrides(ctx) }).Text("Cancel"),
					save,
				),
			),
	).Class("dialog-wide")
}

func (c *UsersPage) overrideRow(r userRules, t rules.Target, f *overridesForm, base string, act perm.Action) app.UI {
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

// ---------- Reset a password ----------

type resetForm struct {
	userID, name, email string
	mode                string // "email" or "set"
	password            string
	errors              map[string]string
	busy                bool
	problem             string
	returnTo            string
}

const resetDialogID = "user-reset-dialog"

func (c *UsersPage) openReset(ctx app.Context, id, returnTo string) {
	u, ok := c.user(id)
	if !ok {
		return
	}
	c.reset = &resetForm{userID: id, name: u.Name, email: u.Email, mode: "email", returnTo: returnTo}
	showModal(ctx, resetDialogID, "user-reset-mode-email")
}

func (c *UsersPage) closeReset(ctx app.Context) {
	if c.reset == nil || c.reset.busy {
		return
	}
	returnTo := c.reset.returnTo
	c.reset = nil
	closeModal(ctx, resetDialogID, returnTo)
}

func (c *UsersPage) submitReset(ctx app.Context) {
	f := c.reset
	if f == nil || f.busy {
		return
	}
	f.problem, f.errors = "", nil
	in := api.ResetPassword{Mode: f.mode}
	if f.mode == "set" {
		if p := passwordProblem(f.password); p != "" {
			f.errors = map[string]string{"password": p}
			focus(ctx, "user-reset-password")
			return
		}
		in.Password = f.password
	}
	f.busy = true
	id := f.userID
	ctx.Async(func() {
		err := server.ResetPassword(ctx, id, in)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy = false
			if sessionEnded(ctx, err) {
				return
			}
			if err != nil {
				if errs := fieldErrors(err, nil); errs["password"] != "" {
					f.errors = errs
					focus(ctx, "user-reset-password")
					return
				}
				f.problem = refusal(err)
				return
			}
			if f.mode == "set" {
				c.status = "New password set for " + f.name + "; their other sessions ended."
			} else {
				c.status = "A reset link is on its way to " + f.email + "."
			}
			if c.reset == f {
				c.reset = nil
				closeModal(ctx, resetDialogID, f.returnTo)
			}
		})
	})
}

func (c *UsersPage) resetDialog() app.UI {
	f := c.reset
	save := app.Button().Type("submit").ID("user-reset-save").Class("btn", "btn-primary").DataSet("testid", "user-reset-save")
	switch {
	case f.busy:
		save = save.Disabled(true).Text("Working…")
	case f.mode == "set":
		save = save.Text("Set password")
	default:
		save = save.Text("Send reset link")
	}
	radio := func(mode, label string) app.UI {
		id := "user-reset-mode-" + mode
		return app.Div().Class("check-field").Body(
			app.Input().Type("radio").Name("reset-mode").ID(id).Class("check-input").DataSet("testid", id).Value(mode).
				Checked(f.mode == mode).OnChange(func(ctx app.Context, _ app.Event) {
				f.mode = mode
				f.errors = nil
			}, app.EventScope(mode)),
			app.Label().For(id).Class("check-label").Text(label),
		)
	}
	return modal(resetDialogID, "user-reset-dialog", "user-reset-title", func(ctx app.Context, _ app.Event) { c.closeReset(ctx) },
		app.Form().Class("form").Aria("busy", f.busy).
			OnSubmit(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				c.submitReset(c.ctx)
			}).
			Body(
				app.H2().ID("user-reset-title").Class("dialog-title").Text("Reset the password of "+f.name),
				app.Div().Class("slot").Body(app.If(f.problem != "", func() app.UI {
					return alert(f.problem).DataSet("testid", "user-reset-error")
				})),
				app.FieldSet().Class("field", "choices").Body(
					app.Legend().Class("label").Text("How"),
					radio("email", "Email "+f.email+" a link to choose a new password (it works for one hour)"),
					radio("set", "Set a new password now; their other sessions end"),
				),
				app.Div().Class("slot").Body(app.If(f.mode == "set", func() app.UI {
					return hintedField("user-reset-password", "New password", passwordLengths+" Give it to them in person.", f.errors["password"],
						app.Input().Type("password").Name("new-password").Attr("autocomplete", "new-password").
							Value(f.password).OnInput(func(ctx app.Context, _ app.Event) {
							f.password = ctx.JSSrc().Get("value").String()
							f.errors = nil
						}))
				})),
				app.Div().Class("dialog-actions").Body(
					app.Button().Type("button").Class("btn", "btn-secondary").DataSet("testid", "user-reset-cancel").
						OnClick(func(ctx app.Context, _ app.Event) { c.closeReset(ctx) }).Text("Cancel"),
					save,
				),
			),
	)
}
