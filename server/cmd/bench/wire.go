package main

import (
	"fmt"
	"io"
	"net/http"

	"github.com/rolesconsole/console/internal/loadgen"
)

// wireBudget bounds the compressed matrix against the plain one.
const wireBudget = 0.25

// wireRow compares the bytes a browser (brotli), a client of gzip only and
// one accepting no coding receive for the big account's matrix.
func wireRow(s *loadgen.Session) (row, error) {
	const path = "/api/v1/matrix"
	br, err := wireBytes(s, path, "br")
	if err != nil {
		return row{}, err
	}
	gz, err := wireBytes(s, path, "gzip")
	if err != nil {
		return row{}, err
	}
	plain, err := wireBytes(s, path, "identity")
	if err != nil {
		return row{}, err
	}
	ratio := float64(br) / float64(max(plain, 1))
	return row{
		"GET " + path + " bytes on the wire, big account, brotli/plain",
		fmt.Sprintf("%.3f: brotli %s, gzip %s, plain %s", ratio, kB(br), kB(gz), kB(plain)),
		fmt.Sprintf("<= %.2f", wireBudget),
		ratio <= wireBudget,
	}, nil
}

// wireBytes is the length of an answer as sent, accept naming the coding:
// set here, Go's transport leaves the body as it came.
func wireBytes(s *loadgen.Session, path, accept string) (int, error) {
	req, err := http.NewRequest("GET", s.Base+path, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", accept)
	res, err := s.HTTP.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %d %s", path, res.StatusCode, b)
	}
	want := accept
	if accept == "identity" {
		want = ""
	}
	if got := res.Header.Get("Content-Encoding"); got != want {
		return 0, fmt.Errorf("GET %s with Accept-Encoding %s came %q", path, accept, got)
	}
	return len(b), nil
}
