package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
)

// page is one signed-in page: its nav entry and what the shell shows for it.
type page struct {
	key   string // Shell.Page, and the nav entry's test id "nav-<key>"
	label string
	path  string
	// permission is needed to see the entry and open the page; "" lets in
	// everyone signed in.
	permission string
	// enrolment pages stay open while the account's policy holds the person
	// at two-factor enrolment (api.TwoFactorStatus.MustEnroll); no other does.
	enrolment bool
	content   func(api.Me) app.UI
	// loads are the API reads (paths under /api/v1) the page starts with,
	// besides /me: the server announces them with the page (see Preloads).
	loads []string
}

// mePage is the key of My account, where enrolment happens.
const mePage = "me"

// pages lists the signed-in pages in nav order: adding one is one line here.
var pages = []page{
	{key: "overview", label: "Overview", path: "/", content: func(me api.Me) app.UI { return &Overview{Me: me} }},
	{key: "users", label: "Users", path: "/users", permission: "users.view", content: func(me api.Me) app.UI { return &UsersPage{Me: me} },
		loads: []string{allUsersPath, "/users/stats", "/roles"}},
	{key: "roles", label: "Roles & Permissions", path: "/roles", permission: "roles.view", content: func(me api.Me) app.UI { return &RolesPage{Me: me} },
		loads: []string{"/matrix"}},
	{key: "security", label: "Security", path: "/security", permission: "security.view", content: func(me api.Me) app.UI { return &SecurityPage{Me: me} },
		loads: []string{"/security/suggestions"}},
	{key: "audit", label: "Audit log", path: "/audit", permission: "audit.view", content: func(me api.Me) app.UI { return &AuditPage{Me: me} },
		loads: []string{"/audit"}},
	{key: "account", label: "Account", path: "/account", permission: "account.view", content: func(me api.Me) app.UI { return &AccountPage{Me: me} }},
	{key: mePage, label: "My account", path: "/me", enrolment: true, content: func(me api.Me) app.UI { return &MyAccountPage{Me: me} }},
}

// Preloads lists the API reads (full paths) the signed-in page at path
// starts with, /api/v1/me first; nil for any other path. The server sends
// them as Link: rel=preload with the page, so that the browser fetches them
// while it downloads the wasm, and the page's own requests find them done.
// A page keeps its entry here true by asking for exactly these paths.
func Preloads(path string) []string {
	for _, p := range pages {
		if p.path == path {
			out := []string{"/api/v1/me"}
			for _, l := range p.loads {
				out = append(out, "/api/v1"+l)
			}
			return out
		}
	}
	return nil
}

func pageByKey(key string) (page, bool) {
	for _, p := range pages {
		if p.key == key {
			return p, true
		}
	}
	return page{}, false
}

// allows reports whether me may open p.
func (p page) allows(me api.Me) bool {
	if me.TwoFactor.MustEnroll && !p.enrolment {
		return false
	}
	return p.permission == "" || holds(me.Permissions, p.permission)
}

// visiblePages are the pages me may open, in nav order.
func visiblePages(me api.Me) []page {
	var out []page
	for _, p := range pages {
		if p.allows(me) {
			out = append(out, p)
		}
	}
	return out
}
