package ui

import (
	"github.com/rolesconsole/console/app/ui/shell"
)

// Preloads lists the API reads (full paths) the signed-in page at path
// starts with, /api/v1/me first; nil for any other path. The server sends
// them as Link: rel=preload with the page, so that the browser fetches them
// while it downloads the wasm, and the page's own requests find them done.
// A page keeps its entry here true by asking for exactly these paths.
func Preloads(path string) []string {
	for _, p := range shell.Pages {
		if p.Path == path {
			out := []string{"/api/v1/me"}
			for _, l := range p.Loads {
				out = append(out, "/api/v1"+l)
			}
			return out
		}
	}
	return nil
}
