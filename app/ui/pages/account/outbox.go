package account

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
)

func (c *Page) outboxCard() app.UI {
	items := c.mail
	return app.Section().Class("card").Aria("labelledby", "outbox-title").DataSet("testid", "outbox").Body(
		app.H2().ID("outbox-title").Class("card-title").Text("Outbox"),
		app.P().Class("card-lead").Text("No mail server is configured, so the emails the console sends (invitations, password resets, reminders) are kept here, newest first. Only the holders of "+c.Me.Account.SuperAdminRole+" see them: they hold sign-in links."),
		app.If(c.mailProblem != "", func() app.UI { return kit.Alert(c.mailProblem) }),
		app.If(c.mailLoaded && len(items) == 0, func() app.UI {
			return app.P().Class("empty").Text("No email kept. With a mail server configured, emails go out and none are kept.")
		}),
		app.Ol().Class("mail-list").Body(
			app.Range(items).Slice(func(i int) app.UI {
				m := items[i]
				return app.Li().Class("mail").DataSet("testid", "outbox-item-"+m.ID).Body(
					app.Div().Class("mail-head").Body(
						app.P().Class("mail-subject").Text(m.Subject),
						app.P().Class("mail-meta").Body(
							app.Span().Text("To "+m.To),
							app.Span().Class("audit-sep").Aria("hidden", "true").Text("·"),
							app.Time().DateTime(m.At.UTC().Format("2006-01-02T15:04:05Z")).Text(kit.DateTime(m.At)),
						),
					),
					app.Div().Class("mail-text").Body(linkify(m.Text)...),
				)
			}),
		),
	)
}

// linkify writes text with its web addresses as links.
func linkify(text string) []app.UI {
	var out []app.UI
	for text != "" {
		start := urlStart(text)
		if start < 0 {
			out = append(out, app.Text(text))
			break
		}
		end := start + strings.IndexAny(text[start:]+" ", " \t\r\n<>\"")
		link := strings.TrimRight(text[start:end], ".,;:)")
		if start > 0 {
			out = append(out, app.Text(text[:start]))
		}
		out = append(out, app.A().Href(link).Class("mail-link").Text(link))
		text = text[start+len(link):]
	}
	return out
}

// urlStart is where the first http(s) address of text starts, or -1.
func urlStart(text string) int {
	i, j := strings.Index(text, "http://"), strings.Index(text, "https://")
	switch {
	case i < 0:
		return j
	case j < 0:
		return i
	}
	return min(i, j)
}
