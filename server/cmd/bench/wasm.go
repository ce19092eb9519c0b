package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/rolesconsole/console/internal/wasmbuild"
)

// buildMinimal builds the minimal go-app page into dir/app.wasm the way the
// Makefile builds the console's, with its .br and .gz beside it.
func buildMinimal(dir string) (string, error) {
	minimal := filepath.Join(dir, "app.wasm")
	tmp, err := os.MkdirTemp("", "bench-minimal-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := wasmbuild.Build(".", "./server/cmd/bench/minimal", minimal, tmp); err != nil {
		return "", fmt.Errorf("building the minimal page: %v", err)
	}
	if out, err := exec.Command("go", "run", "./server/cmd/precompress", minimal).CombinedOutput(); err != nil {
		return "", fmt.Errorf("compressing the minimal page: %v\n%s", err, out)
	}
	return minimal, nil
}

// wasmSizes compares the console's wasm, raw and precompressed, with the
// minimal go-app page built and compressed the same way in this run.
func wasmSizes(web, minimal string) ([]row, error) {
	size := func(path string) (float64, error) {
		st, err := os.Stat(path)
		if err != nil {
			return 0, fmt.Errorf("%w (run make wasm first)", err)
		}
		return float64(st.Size()) / 1e6, nil
	}
	var figures [6]float64
	var err error
	for i, p := range []string{filepath.Join(web, "app.wasm"), filepath.Join(web, "app.wasm.br"), filepath.Join(web, "app.wasm.gz"), minimal, minimal + ".br", minimal + ".gz"} {
		if figures[i], err = size(p); err != nil {
			return nil, err
		}
	}
	raw, br, gz, minRaw, minBr, minGz := figures[0], figures[1], figures[2], figures[3], figures[4], figures[5]
	maxBr, maxGz := float64(wasmbuild.MaxBrotli)/1e6, float64(wasmbuild.MaxGzip)/1e6
	return []row{
		{"wasm raw", fmt.Sprintf("%.2f MB (minimal page %.2f MB)", raw, minRaw), "-", true},
		{"wasm brotli", fmt.Sprintf("%.2f MB, %.2fx the minimal page (%.2f MB)", br, br/minBr, minBr), fmt.Sprintf("<= 1.6x minimal, < %.1f MB", maxBr), br <= 1.6*minBr && br < maxBr},
		{"wasm gzip", fmt.Sprintf("%.2f MB, %.2fx the minimal page (%.2f MB)", gz, gz/minGz, minGz), fmt.Sprintf("<= 1.6x minimal, < %.1f MB", maxGz), gz <= 1.6*minGz && gz < maxGz},
	}, nil
}
