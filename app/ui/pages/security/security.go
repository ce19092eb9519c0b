// Package security is the Security page: the account's review and its fixes.
package security

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Page is Security: the account reviewed as a security reviewer would
// review it. A score, then each finding with the people it is about and a
// one-click fix for each where there is one.
type Page struct {
	app.Compo

	Me api.Me

	ctx      app.Context
	review   api.Suggestions
	loaded   bool
	revision int64
	problem  string
	status   string
	// busy marks the fixes under way, by fixKey.
	busy map[string]bool
	// focusAfter gets the focus once the review is fresh again.
	focusAfter string
	confirmer  session.Confirmer
	loader     session.Loader
}

// Fixes the review offers (api.Suggestion.Fix).
const (
	fixRemind     = "remind"
	fixEnable     = "enable"
	fixAssignRole = "assign_role"
	fixResend     = "resend_invite"
	fixOpenUser   = "open_user"
	fixRevoke     = "revoke"
)

func fixKey(kind, userID string) string { return "fix-" + kind + "-" + userID }

// OnMount runs the review.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
}

// OnUpdate reviews again when the account changed.
func (c *Page) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.load(ctx)
	}
}

func (c *Page) load(ctx app.Context) {
	if !c.loader.Begin() {
		return
	}
	revision := c.Me.Account.Revision
	ctx.Async(func() {
		s, err := session.API.Suggestions(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if !c.loader.Landed(ctx, err, &c.problem, c.load) {
				return
			}
			c.review, c.loaded, c.revision, c.problem = s, true, revision, ""
			if c.focusAfter != "" {
				kit.Focus(ctx, c.focusAfter)
				c.focusAfter = ""
			}
		})
	})
}

func (c *Page) retry(app.Context, app.Event) {
	c.problem = ""
	c.load(c.ctx)
}

// fixRefusal asks the rules whether the person may apply the fix to the
// user; the finding says the status they are in.
func (c *Page) fixRefusal(fix, userID string) *rules.Refusal {
	a := c.Me.Actor()
	switch fix {
	case fixRemind:
		// A reminder is an action on another user's sign-in.
		return rules.AdminSignIn(a, c.Me.User.ID, rules.Target{ID: userID, Status: rules.StatusActive})
	case fixEnable:
		return rules.Lifecycle(a, c.Me.User.ID, rules.ActEnable, rules.Target{ID: userID, Status: rules.StatusDisabled})
	case fixResend:
		return rules.Lifecycle(a, c.Me.User.ID, rules.ActInvite, rules.Target{ID: userID, Status: rules.StatusInvited})
	case fixRevoke:
		return rules.Lifecycle(a, c.Me.User.ID, rules.ActRevoke, rules.Target{ID: userID, Status: rules.StatusActive})
	case fixAssignRole, fixOpenUser:
		if !session.Holds(c.Me.Permissions, "users.view") {
			return rules.Needs("Opening users", "users.view")
		}
		return nil
	}
	return &rules.Refusal{Code: api.CodeInvalidState}
}

// apply runs a one-click fix, then reviews again.
func (c *Page) apply(ctx app.Context, s api.Suggestion, u api.SuggestionUser) {
	key := fixKey(s.Kind, u.ID)
	if c.busy[key] {
		return
	}
	if no := c.fixRefusal(s.Fix, u.ID); no != nil {
		c.status = no.Message
		return
	}
	name := u.Name
	if name == "" {
		name = u.Email
	}
	var run func(app.Context) error
	var done string
	switch s.Fix {
	case fixRemind:
		run = func(ctx app.Context) error { return session.API.Remind2FA(ctx, u.ID) }
		done = "Reminder sent to " + u.Email + "."
	case fixEnable:
		run = func(ctx app.Context) error { _, err := session.API.Act(ctx, u.ID, rules.ActEnable); return err }
		done = name + " is enabled."
	case fixResend:
		run = func(ctx app.Context) error { _, err := session.API.Act(ctx, u.ID, rules.ActInvite); return err }
		done = "Invitation sent again to " + u.Email + "."
	case fixRevoke:
		c.confirmer.Ask(ctx, &kit.Confirmation{
			Title: "Revoke access for " + name + "?",
			Body:  name + " will immediately lose their login. Their profile stays and they can be re-invited later.",
			OK:    "Revoke access",
			Run:   func(ctx app.Context) error { _, err := session.API.Act(ctx, u.ID, rules.ActRevoke); return err },
			Done: func(ctx app.Context) {
				c.status = name + " can no longer sign in."
				c.load(ctx)
			},
			ReturnTo: "security-score",
		})
		return
	default:
		return
	}
	if c.busy == nil {
		c.busy = map[string]bool{}
	}
	c.busy[key] = true
	ctx.Async(func() {
		err := run(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			delete(c.busy, key)
			if session.Ended(ctx, err) {
				return
			}
			if err != nil {
				c.status = "Could not fix it for " + name + ": " + session.Refusal(err)
				return
			}
			c.status = done
			// The fix may clear the finding, and its button with it.
			c.focusAfter = "security-score"
			c.load(ctx)
		})
	})
}

func (c *Page) Render() app.UI {
	return app.Div().Class("page").DataSet("testid", "page-security").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Security"),
			app.P().Class("page-lead").Text("A review of who can sign in and how. Each finding names the people concerned and, where it can, fixes it in one click."),
		),
		kit.StatusLine("security-status", c.status),
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(
			app.If(!c.loaded && c.problem == "", func() app.UI {
				return app.P().Class("status").Text("Reviewing the account…")
			}),
			app.If(c.loaded, func() app.UI {
				items := c.review.Items
				return app.Div().Class("stack").Body(
					c.scoreCard(),
					app.Range(items).Slice(func(i int) app.UI { return c.finding(items[i]) }),
				)
			}),
		),
		c.confirmer.Dialog(c.ctx),
	)
}

// scoreCard: "4 of 7 checks pass", and a segment per check.
func (c *Page) scoreCard() app.UI {
	s := c.review
	text := strconv.Itoa(s.Passed) + " of " + strconv.Itoa(s.Total) + " checks pass"
	segments := make([]bool, s.Total)
	for i := range segments {
		segments[i] = i < s.Passed
	}
	grade := "score-good"
	switch {
	case s.Total > 0 && s.Passed*2 < s.Total:
		grade = "score-poor"
	case s.Passed < s.Total:
		grade = "score-fair"
	}
	lead := "Every check passes. Nothing to fix."
	if n := len(s.Items); n > 0 {
		lead = kit.CountText(n, "finding needs", "findings need") + " your attention, most serious first."
	}
	return app.Section().ID("security-score").Class("card", "score-card", grade).Aria("labelledby", "security-score-text").
		DataSet("testid", "security-score").TabIndex(-1).Body(
		app.Div().Class("score-figure").Body(
			app.P().ID("security-score-text").Class("score-text").Body(
				app.Strong().Class("score-number").Text(strconv.Itoa(s.Passed)+"/"+strconv.Itoa(s.Total)),
				app.Span().Class("score-words").Text(text),
			),
			app.Div().Class("score-bar").Aria("hidden", "true").Body(
				app.Range(segments).Slice(func(i int) app.UI {
					if segments[i] {
						return app.Span().Class("score-seg", "seg-pass")
					}
					return app.Span().Class("score-seg", "seg-fail")
				}),
			),
		),
		app.P().Class("card-lead", "score-lead").Text(lead),
	)
}

// severityBadge colours a finding's severity; the word is always written.
func severityBadge(sev string) app.UI {
	hue := map[string]string{"high": "red", "medium": "orange", "low": "grey"}[sev]
	if hue == "" {
		hue = "grey"
	}
	return app.Span().Class("badge", "badge-"+hue, "severity").Text(kit.ReadableID(sev) + " severity")
}

func (c *Page) finding(s api.Suggestion) app.UI {
	titleID := "finding-title-" + s.Kind
	users := s.Users
	// Without the permission for the fix, the buttons go and one line says why.
	var why string
	if len(users) > 0 {
		if no := c.fixRefusal(s.Fix, users[0].ID); no != nil && no.Code == api.CodeForbidden && no.Message != "" {
			why = "You cannot fix this here. " + no.Message
		}
	}
	return app.Section().Class("card", "finding", "finding-"+s.Severity).Aria("labelledby", titleID).DataSet("testid", "finding-"+s.Kind).Body(
		app.Div().Class("finding-head").Body(
			app.H2().ID(titleID).Class("card-title").Text(s.Title),
			severityBadge(s.Severity),
		),
		app.P().Class("finding-advice").Text(s.Advice),
		app.If(why != "", func() app.UI { return app.P().Class("why").Text(why) }),
		app.Ul().Class("finding-users").Aria("label", "People concerned").Body(
			app.Range(users).Slice(func(i int) app.UI { return c.findingUser(s, users[i]) }),
		),
	)
}

func (c *Page) findingUser(s api.Suggestion, u api.SuggestionUser) app.UI {
	name := u.Name
	if name == "" {
		name = u.Email
	}
	return app.Li().Class("finding-user").Body(
		app.Div().Class("user-who").Body(
			kit.Avatar(name, nil),
			app.Div().Class("user-ident").Body(
				app.Span().Class("user-row-name").Text(name),
				app.Span().Class("user-row-email").Text(u.Email),
				app.If(u.Detail != "", func() app.UI { return app.Span().Class("finding-detail").Text(u.Detail) }),
			),
		),
		app.Div().Class("finding-fix").Body(c.fixControl(s, u, name)),
	)
}

func (c *Page) fixControl(s api.Suggestion, u api.SuggestionUser, name string) app.UI {
	key := fixKey(s.Kind, u.ID)
	if s.Fix == fixRemind && u.ID == c.Me.User.ID {
		// No reminder to oneself: set it up now.
		return app.A().ID(key).Class("btn", "btn-primary", "btn-small").DataSet("testid", key).
			Href("/me").Text("Set it up now")
	}
	if no := c.fixRefusal(s.Fix, u.ID); no != nil {
		if no.Code == api.CodeForbidden || no.Code == api.CodeInvalidState {
			return nil
		}
		return app.Div().Body(
			app.Button().Type("button").ID(key).Class("btn", "btn-secondary", "btn-small").DataSet("testid", key).
				Disabled(true).Aria("describedby", key+"-why").Text(fixLabel(s.Fix)),
			app.P().ID(key+"-why").Class("why").Text(no.Message),
		)
	}
	switch {
	case s.Fix == fixAssignRole:
		return app.A().ID(key).Class("btn", "btn-secondary", "btn-small").DataSet("testid", key).
			Href(session.UserLink(u.ID, session.DoRole)).Aria("label", fixLabel(s.Fix)+": "+name).Text(fixLabel(s.Fix))
	case s.Fix == fixOpenUser:
		return app.A().ID(key).Class("btn", "btn-secondary", "btn-small").DataSet("testid", key).
			Href(session.UserLink(u.ID, "")).Aria("label", fixLabel(s.Fix)+": "+name).Text(fixLabel(s.Fix))
	}
	b := app.Button().Type("button").ID(key).Class("btn", "btn-primary", "btn-small").DataSet("testid", key).
		Aria("label", fixLabel(s.Fix)+": "+name)
	if c.busy[key] {
		return b.Disabled(true).Text("Working…")
	}
	return b.OnClick(func(app.Context, app.Event) { c.apply(c.ctx, s, u) }, app.EventScope(key)).Text(fixLabel(s.Fix))
}

func fixLabel(fix string) string {
	switch fix {
	case fixRemind:
		return "Send a reminder"
	case fixEnable:
		return "Enable"
	case fixAssignRole:
		return "Assign a role"
	case fixResend:
		return "Resend invite"
	case fixOpenUser:
		return "Open in Users"
	case fixRevoke:
		return "Revoke access"
	}
	return "Fix"
}
