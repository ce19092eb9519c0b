// The server's alone: the wasm is built against a go-app without its
// Handler (see internal/wasmbuild).

//go:build !wasm

package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Theme colours; web/console.css and the icons use the same values.
const (
	themeColor      = "#4f46e5"
	backgroundColor = "#f5f6fa"
)

// Handler returns the PWA settings of the console. The server adds Version
// and Resources.
func Handler() *app.Handler {
	return &app.Handler{
		Name:        "Users & Roles console",
		ShortName:   "Roles",
		Title:       "Users & Roles console",
		Description: "Decide who may sign in to your account and what each person may do.",
		Lang:        "en",
		// go-app's default icons live on an outside host; ours are local.
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		ThemeColor:      themeColor,
		BackgroundColor: backgroundColor,
		Styles:          []string{"/web/console.css"},
		LoadingLabel:    "Loading the console… {progress}%",
	}
}
