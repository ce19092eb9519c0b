// Command wasm is the console's browser app, built to web/app.wasm.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser()
}
