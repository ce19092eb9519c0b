package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// bigAccount gives the demo account 50 roles, each granted every
// permission of its modules, and returns its owner with a client that
// sends no Accept-Encoding of its own (Go's transport would add gzip and
// decode it out of sight).
func bigAccount(t *testing.T) *servertest.Client {
	t.Helper()
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.HTTP.Transport = &http.Transport{DisableCompression: true}
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: ptr("enterprise")}).Want(200)
	var cat api.Catalog
	owner.Do("GET", "/api/v1/permissions", nil).Want(200).JSON(&cat)
	var grants []string
	for _, m := range cat.Modules {
		for _, a := range m.Actions {
			grants = append(grants, m.Key+"."+a.Key)
			if a.OwnScope {
				grants = append(grants, m.Key+"."+a.Key+":own")
			}
		}
	}
	var list api.RoleList
	owner.Do("GET", "/api/v1/roles", nil).Want(200).JSON(&list)
	for i := len(list.Items); i < 50; i++ {
		owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: fmt.Sprintf("Role %02d", i), Description: "A role of a big account.", Permissions: grants}).Want(201)
	}
	return owner
}

// decoded is the body as the client reads it, with the coding it came in.
func decoded(t *testing.T, r *servertest.Response) (body []byte, coding string) {
	t.Helper()
	coding = r.Header.Get("Content-Encoding")
	var rd io.Reader
	switch coding {
	case "":
		return r.Body, ""
	case "br":
		rd = brotli.NewReader(bytes.NewReader(r.Body))
	case "gzip":
		gz, err := gzip.NewReader(bytes.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		rd = gz
	default:
		t.Fatalf("unknown Content-Encoding %q", coding)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("decoding %s: %v", coding, err)
	}
	return b, coding
}

// The matrix of a big account comes compressed in the coding the client
// prefers, and decodes to the JSON a client accepting none gets plain,
// that of the revision read.
func TestCompressedMatrix(t *testing.T) {
	owner := bigAccount(t)
	plain := owner.Do("GET", "/api/v1/matrix", nil).Want(200)
	if c := plain.Header.Get("Content-Encoding"); c != "" {
		t.Fatalf("no Accept-Encoding: answered %s", c)
	}
	if !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary %q lacks Accept-Encoding", plain.Header.Get("Vary"))
	}
	for _, tc := range []struct{ accept, want string }{
		{"br", "br"},
		{"gzip", "gzip"},
		{"gzip, deflate, br, zstd", "br"},
		{"gzip;q=1, br;q=0.5", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"identity", ""},
		{"deflate", ""},
		{"*", "br"},
		{"br;q=0, *", "gzip"},
		{"*;q=0", ""},
	} {
		r := owner.Do("GET", "/api/v1/matrix", nil, "Accept-Encoding", tc.accept).Want(200)
		body, coding := decoded(t, r)
		if coding != tc.want {
			t.Errorf("Accept-Encoding %q: coding %q, want %q", tc.accept, coding, tc.want)
		}
		if !bytes.Equal(body, plain.Body) {
			t.Errorf("Accept-Encoding %q: the decoded matrix differs from the plain one", tc.accept)
		}
		if !strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q lacks Accept-Encoding", tc.accept, r.Header.Get("Vary"))
		}
		if coding == tc.accept {
			t.Logf("matrix of 50 roles on the wire: %s %d bytes, plain %d (%.3f)", coding, len(r.Body), len(plain.Body), float64(len(r.Body))/float64(len(plain.Body)))
		}
	}
	t.Run("follows the revision", func(t *testing.T) { followsRevision(t, owner) })
}

// Answers under 1 kB go plain whatever the client accepts; large answers
// that are not kept per revision (the spec) are compressed too.
func TestCompressedOnlyWhenLarge(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.HTTP.Transport = &http.Transport{DisableCompression: true}
	small := owner.Do("GET", "/api/v1/users/stats", nil, "Accept-Encoding", "br, gzip").Want(200)
	if len(small.Body) >= 1024 {
		t.Fatalf("/users/stats is %d bytes: the test needs a small answer", len(small.Body))
	}
	if c := small.Header.Get("Content-Encoding"); c != "" {
		t.Errorf("a %d-byte answer came %s", len(small.Body), c)
	}
	plain := owner.Do("GET", "/api/v1/openapi.json", nil).Want(200)
	r := owner.Do("GET", "/api/v1/openapi.json", nil, "Accept-Encoding", "gzip").Want(200)
	if body, coding := decoded(t, r); coding != "gzip" || !bytes.Equal(body, plain.Body) {
		t.Errorf("the spec came %q and decodes equal: %v", coding, bytes.Equal(body, plain.Body))
	}
}

// Answers carrying a secret beside text others choose go plain, however
// large (BREACH): /me with the CSRF token, /mail with sign-in links.
func TestSecretsGoPlain(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	owner.HTTP.Transport = &http.Transport{DisableCompression: true}
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: ptr("enterprise")}).Want(200)
	for i := range 8 {
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: fmt.Sprintf("Invited %d", i), Email: fmt.Sprintf("invited%d@example.com", i), RoleID: "staff"}).Want(201)
	}
	for _, path := range []string{"/api/v1/me", "/api/v1/mail"} {
		r := owner.Do("GET", path, nil, "Accept-Encoding", "br, gzip").Want(200)
		if len(r.Body) < 1024 {
			t.Errorf("%s is %d bytes: the test needs it over 1 kB", path, len(r.Body))
		}
		if c := r.Header.Get("Content-Encoding"); c != "" {
			t.Errorf("%s came %s", path, c)
		}
	}
}

// followsRevision: the compressed matrix is the revision's, after a change
// it says what the plain one says, and a burst of 50 readers of one
// revision all get the same bytes.
func followsRevision(t *testing.T, owner *servertest.Client) {
	before := owner.Do("GET", "/api/v1/matrix", nil, "Accept-Encoding", "br").Want(200)
	var m api.Matrix
	owner.Do("GET", "/api/v1/matrix", nil).Want(200).JSON(&m)
	r := m.Roles[len(m.Roles)-1]
	owner.Do("PATCH", "/api/v1/roles/"+r.ID, api.PatchRole{Name: ptr("Renamed in a big account")}).Want(200)
	plain := owner.Do("GET", "/api/v1/matrix", nil).Want(200)
	if b, _ := decoded(t, before); bytes.Equal(b, plain.Body) {
		t.Fatal("the rename did not change the matrix")
	}
	bodies := make([][]byte, 50)
	var wg sync.WaitGroup
	for i := range bodies {
		wg.Go(func() {
			res := owner.Do("GET", "/api/v1/matrix", nil, "Accept-Encoding", "br")
			if res.Status == 200 {
				bodies[i], _ = decoded(t, res)
			}
		})
	}
	wg.Wait()
	for i, b := range bodies {
		if !bytes.Equal(b, plain.Body) {
			t.Fatalf("reader %d of 50: the brotli matrix is not the revision's", i)
		}
	}
}
