// Package ui is the console's WebAssembly user interface: it routes the
// pages (the signed-in ones inside the shell, the public ones alone) and
// gives the server the PWA settings and each page's preloads. The pages
// live under pages/, one package each; what they share is in kit (widgets)
// and session (the backend and the signed-in state).
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
