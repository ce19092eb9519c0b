package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	apiDoc      = "../../docs/api.md"
	routesBegin = "<!-- routes:begin (generated from the route table; do not edit by hand) -->"
	routesEnd   = "<!-- routes:end -->"
)

// routeList is the Routes section of docs/api.md, made from the route table.
func routeList() string {
	var b strings.Builder
	b.WriteString("| method | path | access | what it does | success |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range (&API{}).Routes() {
		d := docs[r.Method+" "+r.Path]
		path := r.Path
		for _, seg := range strings.Split(r.Path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		b.WriteString("| " + r.Method + " | `/api/v1" + path + "` | " + r.Access.String() + " | " + d.summary + " | " + strconv.Itoa(d.status) + " |\n")
	}
	return b.String()
}

// The API document lists every route of the table, with the access it
// declares and what it does, and every error code of the contract.
func TestAPIDocumentListsEveryRoute(t *testing.T) {
	raw, err := os.ReadFile(apiDoc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	head, rest, ok1 := strings.Cut(text, routesBegin+"\n")
	_, tail, ok2 := strings.Cut(rest, routesEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the routes markers", apiDoc)
	}
	want := head + routesBegin + "\n" + routeList() + routesEnd + tail
	if os.Getenv("UPDATE_API_DOC") != "" {
		if err := os.WriteFile(apiDoc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if text != want {
		t.Errorf("%s's route list differs from the route table; rewrite it with UPDATE_API_DOC=1 go test ./server/httpapi -run TestAPIDocumentListsEveryRoute", apiDoc)
	}
	for _, code := range errorCodes(t) {
		if !strings.Contains(text, "| `"+code+"` |") {
			t.Errorf("the error code %q is not in %s's table", code, apiDoc)
		}
	}
}

// errorCodes are the values of the Code constants of shared/api and of
// shared/rules (the refusals' codes, which the API's alias).
func errorCodes(t *testing.T) []string {
	var out []string
	for _, dir := range []string{filepath.Join("..", "..", "shared", "api"), filepath.Join("..", "..", "shared", "rules")} {
		out = append(out, codesIn(t, dir)...)
	}
	if len(out) < 20 {
		t.Fatalf("found %d error codes in shared/api and shared/rules; the parse went wrong", len(out))
	}
	return out
}

func codesIn(t *testing.T, dir string) []string {
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pkgs {
		ast.Inspect(p, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			for i, name := range spec.Names {
				if strings.HasPrefix(name.Name, "Code") && i < len(spec.Values) {
					if lit, ok := spec.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						out = append(out, v)
					}
				}
			}
			return true
		})
	}
	return out
}
