package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rolesconsole/console/app/ui/pages/public"
	"github.com/rolesconsole/console/app/ui/pages/signin"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/shell"
)

// Register routes every page. The wasm main and the server (to prerender)
// both call it.
func Register() {
	app.Route(session.SignInPath, func() app.Composer { return &signin.Page{} })
	app.Route(session.InvitePath, func() app.Composer { return &public.InvitePage{} })
	app.Route(session.ResetPath, func() app.Composer { return &public.ResetPage{} })
	app.Route(session.ForgotPath, func() app.Composer { return &public.ForgotPage{} })
	for _, p := range shell.Pages {
		app.Route(p.Path, func() app.Composer { return &shell.Shell{Page: p.Key} })
	}
}
