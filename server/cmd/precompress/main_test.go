package main

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// Browsers get the style sheet minified: its copies hold neither comments
// nor indentation, and say the same.
func TestStyleSheetCopiesAreMinified(t *testing.T) {
	name := filepath.Join(t.TempDir(), "console.css")
	src := "/* Why the buttons are this wide. */\n.btn {\n  min-height: 44px;\n  color: #ffffff;\n}\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := compress(name); err != nil {
		t.Fatal(err)
	}
	for ext, open := range map[string]func(io.Reader) (io.Reader, error){
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	} {
		f, err := os.Open(name + ext)
		if err != nil {
			t.Fatal(err)
		}
		r, err := open(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if s := string(got); strings.Contains(s, "/*") || strings.Contains(s, "\n") || !strings.Contains(s, "min-height:44px") || !strings.Contains(s, "#fff") {
			t.Errorf("%s holds %q", ext, s)
		}
	}
}
