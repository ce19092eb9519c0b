package shell

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/pages/account"
	"github.com/rolesconsole/console/app/ui/pages/accounts"
	"github.com/rolesconsole/console/app/ui/pages/audit"
	"github.com/rolesconsole/console/app/ui/pages/myaccount"
	"github.com/rolesconsole/console/app/ui/pages/overview"
	"github.com/rolesconsole/console/app/ui/pages/roles"
	"github.com/rolesconsole/console/app/ui/pages/security"
	"github.com/rolesconsole/console/app/ui/pages/users"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// Entry is one signed-in page: its nav entry and what the shell shows for it.
type Entry struct {
	Key   string // Shell.Page, and the nav entry's test id "nav-<key>"
	label string
	Path  string
	// permission is needed to see the entry and open the page; "" lets in
	// everyone signed in.
	permission string
	// enrolment pages stay open while the account's policy holds the person
	// at two-factor enrolment (api.TwoFactorStatus.MustEnroll); no other does.
	enrolment bool
	// Content is the page for the person signed in.
	Content func(api.Me) app.UI
	// unlisted pages have no nav entry: they are reached by a link.
	unlisted bool
	// Loads are the API reads (paths under /api/v1) the page starts with,
	// besides /me: the server announces them with the page (see ui.Preloads).
	Loads []string
}

// mePage is the key of My account, where enrolment happens.
const mePage = "me"

// Pages lists the signed-in pages in nav order: adding one is one line here.
var Pages = []Entry{
	{Key: "overview", label: "Overview", Path: "/", Content: func(me api.Me) app.UI { return &overview.Page{Me: me} }},
	{Key: "users", label: "Users", Path: "/users", permission: "users.view", Content: func(me api.Me) app.UI { return &users.Page{Me: me} },
		Loads: []string{session.AllUsersPath, "/users/stats", "/roles"}},
	{Key: "roles", label: "Roles & Permissions", Path: "/roles", permission: "roles.view", Content: func(me api.Me) app.UI { return &roles.Page{Me: me} },
		Loads: []string{"/matrix"}},
	{Key: "security", label: "Security", Path: "/security", permission: "security.view", Content: func(me api.Me) app.UI { return &security.Page{Me: me} },
		Loads: []string{"/security/suggestions"}},
	{Key: "audit", label: "Audit log", Path: "/audit", permission: "audit.view", Content: func(me api.Me) app.UI { return &audit.Page{Me: me} },
		Loads: []string{"/audit"}},
	{Key: "account", label: "Account", Path: "/account", permission: "account.view", Content: func(me api.Me) app.UI { return &account.Page{Me: me} }},
	{Key: mePage, label: "My account", Path: "/me", enrolment: true, Content: func(me api.Me) app.UI { return &myaccount.Page{Me: me} }},
	{Key: "accounts", label: "Choose an account", Path: session.AccountsPath, enrolment: true, unlisted: true,
		Content: func(me api.Me) app.UI { return &accounts.Page{Me: me} }, Loads: []string{"/me/accounts"}},
}

func pageByKey(key string) (Entry, bool) {
	for _, p := range Pages {
		if p.Key == key {
			return p, true
		}
	}
	return Entry{}, false
}

// allows reports whether me may open p.
func (p Entry) allows(me api.Me) bool {
	if me.TwoFactor.MustEnroll && !p.enrolment {
		return false
	}
	return p.permission == "" || session.Holds(me.Permissions, p.permission)
}

// visiblePages are the pages me may open, in nav order.
func visiblePages(me api.Me) []Entry {
	var out []Entry
	for _, p := range Pages {
		if p.allows(me) {
			out = append(out, p)
		}
	}
	return out
}
