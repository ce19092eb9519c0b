// Package ui is the console's WebAssembly user interface: its pages, the
// shell around the signed-in ones, and the PWA settings the server serves
// them with.
package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// signInPath is where anyone without a session is sent.
const signInPath = "/signin"

// Register routes every page. The wasm main and the server (to prerender)
// both call it.
func Register() {
	app.Route(signInPath, func() app.Composer { return &SignIn{} })
	app.Route(invitePath, func() app.Composer { return &InvitePage{} })
	app.Route(resetPath, func() app.Composer { return &ResetPage{} })
	app.Route(forgotPath, func() app.Composer { return &ForgotPage{} })
	for _, p := range pages {
		app.Route(p.path, func() app.Composer { return &Shell{Page: p.key} })
	}
}
