// Command minimal is the reference page of `make bench`: the smallest
// go-app page, built like the console's wasm, that the console's size and
// time to interactive are compared with.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/server/cmd/bench/minimal/hello"
)

func main() {
	hello.Register()
	app.RunWhenOnBrowser()
}
