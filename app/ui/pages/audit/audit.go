// Package audit is the audit log, with undo of role changes.
package audit

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Page is the audit log: it lists who changed what and when, newest first, and undoes a
// role or permission change on request.
type Page struct {
	app.Compo

	Me api.Me

	ctx      app.Context
	items    []api.AuditEntry
	next     string
	loaded   bool
	more     bool // loading the next page
	extra    bool // pages beyond the first are shown
	revision int64
	problem  string
	status   string
	// focusAfter is the id of the element that gets the focus once the
	// list is refreshed: entries move down as new ones come in.
	focusAfter string
	confirmer  session.Confirmer
	loader     session.Loader
}

// OnMount loads the newest entries.
func (c *Page) OnMount(ctx app.Context) {
	c.ctx = ctx
	c.refresh(ctx)
}

// OnUpdate refreshes when the account changed: every change adds an entry.
func (c *Page) OnUpdate(ctx app.Context) {
	if c.Me.Account.Revision != c.revision {
		c.refresh(ctx)
	}
}

func (c *Page) refresh(ctx app.Context) {
	if !c.loader.Begin() {
		return
	}
	revision := c.Me.Account.Revision
	ctx.Async(func() {
		p, err := session.API.Audit(ctx, "")
		ctx.Dispatch(func(ctx app.Context) { c.firstPage(ctx, p, err, revision) })
	})
}

func (c *Page) firstPage(ctx app.Context, p api.AuditPage, err error, revision int64) {
	if !c.loader.Landed(ctx, err, &c.problem, c.refresh) {
		return
	}
	c.problem, c.revision, c.loaded = "", revision, true
	if c.extra {
		// Keep the older pages already shown below the fresh first page.
		c.items = mergeEntries(p.Items, c.items)
	} else {
		c.items, c.next = p.Items, p.NextCursor
	}
	if c.focusAfter != "" {
		kit.Focus(ctx, c.focusAfter)
		c.focusAfter = ""
	}
}

func (c *Page) retry(app.Context, app.Event) {
	c.problem = ""
	c.refresh(c.ctx)
}

// mergeEntries puts fresh first, then the entries of old it lacks.
func mergeEntries(fresh, old []api.AuditEntry) []api.AuditEntry {
	out := slices.Clone(fresh)
	for _, e := range old {
		if !slices.ContainsFunc(fresh, func(f api.AuditEntry) bool { return f.ID == e.ID }) {
			out = append(out, e)
		}
	}
	return out
}

func (c *Page) loadMore(ctx app.Context) {
	if c.more || c.next == "" {
		return
	}
	c.more = true
	cursor := c.next
	ctx.Async(func() {
		p, err := session.API.Audit(ctx, cursor)
		ctx.Dispatch(func(ctx app.Context) { c.morePage(ctx, p, err) })
	})
}

func (c *Page) morePage(ctx app.Context, p api.AuditPage, err error) {
	c.more = false
	switch {
	case session.Ended(ctx, err):
		return
	case err != nil:
		c.problem = session.Message(err)
		return
	}
	firstNew := ""
	for _, e := range p.Items {
		if !slices.ContainsFunc(c.items, func(x api.AuditEntry) bool { return x.ID == e.ID }) {
			c.items = append(c.items, e)
			if firstNew == "" {
				firstNew = e.ID
			}
		}
	}
	c.next, c.extra = p.NextCursor, true
	if firstNew != "" {
		// The button may be gone; the keyboard goes on from the first new entry.
		kit.Focus(ctx, "audit-entry-"+firstNew)
	}
}

func (c *Page) entry(id string) (api.AuditEntry, bool) {
	i := slices.IndexFunc(c.items, func(e api.AuditEntry) bool { return e.ID == id })
	if i < 0 {
		return api.AuditEntry{}, false
	}
	return c.items[i], true
}

func (c *Page) askRevert(ctx app.Context, id string) {
	e, ok := c.entry(id)
	if !ok || !e.Revertible || e.RevertedBy != "" {
		return
	}
	c.confirmer.Ask(ctx, &kit.Confirmation{
		Title: "Undo: " + e.Summary + "?",
		Body:  "This puts back what was there before the change, for everyone it concerns, at once. The undo is recorded here too.",
		OK:    "Undo",
		Run: func(ctx app.Context) error {
			_, err := session.API.Revert(ctx, id)
			return err
		},
		Done: func(ctx app.Context) {
			c.status = "Undone: " + e.Summary
			c.focusAfter = "audit-entry-" + id
			c.refresh(ctx)
		},
		ReturnTo: "audit-entry-" + id,
	})
}

func (c *Page) Render() app.UI {
	no := rules.Revert(c.Me.Actor())
	return app.Div().Class("page").DataSet("testid", "page-audit").Body(
		app.Header().Class("page-header").Body(
			app.H1().Class("page-title").Text("Audit log"),
			app.P().Class("page-lead").Text("Who changed what, and when, newest first. A change to a role or its permissions can be undone from here."),
		),
		kit.StatusLine("audit-status", c.status),
		kit.ProblemSlot(c.problem, c.retry),
		app.Div().Class("slot").Body(c.list(no)),
		c.confirmer.Dialog(c.ctx),
	)
}

func (c *Page) list(no *rules.Refusal) app.UI {
	return app.Div().Body(
		app.If(!c.loaded && c.problem == "", func() app.UI {
			return app.P().Class("status").Text("Loading the audit log…")
		}),
		app.If(c.loaded, func() app.UI {
			return app.Section().Class("card").Aria("label", "Recorded changes").Body(
				app.If(no != nil, func() app.UI {
					return app.P().Class("why").DataSet("testid", "audit-reason").Text(no.Message)
				}),
				app.If(len(c.items) == 0, func() app.UI {
					return app.P().Class("empty").Text("Nothing has been recorded yet.")
				}),
				app.Ol().Class("audit-list").Body(
					app.Range(c.items).Slice(func(i int) app.UI { return c.entryItem(c.items[i], no == nil) }),
				),
				app.If(c.next != "", func() app.UI {
					b := app.Button().Type("button").ID("audit-more").Class("btn", "btn-secondary").DataSet("testid", "audit-more").
						OnClick(func(app.Context, app.Event) { c.loadMore(c.ctx) })
					if c.more {
						return b.Disabled(true).Text("Loading…")
					}
					return b.Text("Load more")
				}),
			)
		}),
	)
}

func (c *Page) entryItem(e api.AuditEntry, mayRevert bool) app.UI {
	id := e.ID
	actor := e.Actor.Name
	if actor == "" {
		actor = e.Actor.Email
	}
	var action app.UI
	switch {
	case e.RevertedBy != "":
		action = app.Span().Class("tag", "tag-done").DataSet("testid", "audit-reverted-"+id).Text("Undone")
	case e.Revertible && mayRevert:
		action = app.Button().Type("button").ID("audit-revert-"+id).Class("btn", "btn-secondary", "btn-small").
			DataSet("testid", "audit-revert-"+id).Aria("label", "Undo: "+e.Summary).
			OnClick(func(app.Context, app.Event) { c.askRevert(c.ctx, id) }, app.EventScope(id)).Text("Undo")
	}
	return app.Li().ID("audit-entry-"+id).Class("audit-entry").DataSet("testid", "audit-entry-"+id).TabIndex(-1).Body(
		app.Div().Class("audit-text").Body(
			app.P().Class("audit-summary").Text(e.Summary),
			app.P().Class("audit-meta").Body(
				app.Time().DateTime(e.At.UTC().Format("2006-01-02T15:04:05Z")).Text(e.At.Local().Format("2 Jan 2006, 15:04")),
				app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
				app.Span().Class("audit-actor").Text(actor),
				app.If(targetText(e.Target) != "", func() app.UI {
					return app.Span().Class("audit-target").Body(
						app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
						app.Text(targetText(e.Target)),
					)
				}),
				app.If(e.RevertOf != "", func() app.UI {
					return app.Span().Class("tag").Text("Undo")
				}),
			),
		),
		app.Div().Class("audit-actions").Body(action),
	)
}

// targetText names what a change was made to: "Role: Staff".
func targetText(t api.AuditTarget) string {
	name := t.Name
	if name == "" {
		name = t.ID
	}
	if t.Type == "" {
		return name
	}
	kind := strings.ToUpper(t.Type[:1]) + strings.ReplaceAll(t.Type[1:], "_", " ")
	if name == "" {
		return kind
	}
	return kind + ": " + name
}
