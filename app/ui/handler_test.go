//go:build !wasm

package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandlerUsesLocalAssets(t *testing.T) {
	h := Handler()
	local := []string{h.Icon.Default, h.Icon.Large, h.Icon.Maskable, h.Icon.SVG}
	local = append(local, h.Styles...)
	for _, p := range local {
		if !strings.HasPrefix(p, "/web/") {
			t.Errorf("%q is not served from /web/", p)
			continue
		}
		// The repository root is two levels up from app/ui.
		if _, err := os.Stat(filepath.Join("..", "..", p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if h.Version != "" || h.Resources != nil {
		t.Error("Version and Resources are the server's to set")
	}
	if h.Lang != "en" || h.Name == "" || h.ShortName == "" || h.ThemeColor == "" || h.BackgroundColor == "" {
		t.Errorf("handler = %+v", h)
	}
}

func TestIconSizes(t *testing.T) {
	h := Handler()
	sizes := map[string]int{h.Icon.Default: 192, h.Icon.Large: 512, h.Icon.Maskable: 512}
	for p, size := range sizes {
		f, err := os.Open(filepath.Join("..", "..", p))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("%s: %dx%d, %v; want %dx%d", p, cfg.Width, cfg.Height, err, size, size)
		}
	}
}
