// Command precompress writes brotli (.br) and gzip (.gz) copies of files, so
// the server sends the wasm and the style sheet compressed without
// compressing them per request (Fiber's own compression skips files over
// 8 MiB). A style sheet is minified first: the copies are what browsers
// get, and the source keeps its comments.
//
//	precompress FILE...
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		if err := compress(name); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
	}
}

func compress(name string) error {
	raw, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	if filepath.Ext(name) == ".css" {
		var min bytes.Buffer
		if err := css.Minify(minify.New(), &min, bytes.NewReader(raw), nil); err != nil {
			return fmt.Errorf("minifying %s: %w", name, err)
		}
		fmt.Printf("%s: minified from %d to %d bytes\n", name, len(raw), min.Len())
		raw = min.Bytes()
	}
	br, err := write(name+".br", raw, func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterLevel(w, brotli.BestCompression), nil
	})
	if err != nil {
		return err
	}
	gz, err := write(name+".gz", raw, func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	})
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes, brotli %d, gzip %d\n", name, len(raw), br, gz)
	return nil
}

// write compresses raw into a new file and returns its size. It writes to a
// temporary name first, so a server never serves half a file.
func write(name string, raw []byte, wrap func(io.Writer) (io.WriteCloser, error)) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(name), ".precompress-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	// Readable by all, like the file it copies: the server may run as
	// another user than the one who built it (the image runs as nonroot).
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return 0, err
	}
	w, err := wrap(f)
	if err != nil {
		f.Close()
		return 0, err
	}
	if _, err := w.Write(raw); err != nil {
		f.Close()
		return 0, err
	}
	if err := w.Close(); err != nil {
		f.Close()
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	return st.Size(), os.Rename(f.Name(), name)
}
