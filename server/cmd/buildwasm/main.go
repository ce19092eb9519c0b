// Command buildwasm builds a browser app for js/wasm the way the console
// ships it (see internal/wasmbuild), from the module in the working folder.
//
//	buildwasm OUT [PACKAGE]
//
// PACKAGE defaults to ./app/wasm, the console's UI.
package main

import (
	"fmt"
	"os"

	"github.com/rolesconsole/console/internal/wasmbuild"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: buildwasm OUT [PACKAGE]")
		os.Exit(2)
	}
	pkg := "./app/wasm"
	if len(os.Args) == 3 {
		pkg = os.Args[2]
	}
	tmp, err := os.MkdirTemp("", "buildwasm-")
	if err == nil {
		err = wasmbuild.Build(".", pkg, os.Args[1], tmp)
		os.RemoveAll(tmp)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "buildwasm:", err)
		os.Exit(1)
	}
}
