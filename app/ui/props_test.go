package ui

import (
	"reflect"
	"slices"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/pages/public"
	"github.com/rolesconsole/console/app/ui/pages/roles"
	"github.com/rolesconsole/console/app/ui/pages/signin"
	"github.com/rolesconsole/console/app/ui/shell"
	"github.com/rolesconsole/console/shared/api"
)

// go-app sets a component's exported fields from the fresh copy its parent
// renders: an exported field is a prop, handed down, and any state kept in
// one (an embedded type counts) is lost on the parent's next render. Each
// component's exported fields are its props, and nothing else.
func TestComponentsExportOnlyTheirProps(t *testing.T) {
	components := map[app.UI][]string{
		&signin.Page{}:       nil,
		&public.InvitePage{}: nil,
		&public.ResetPage{}:  nil,
		&public.ForgotPage{}: nil,
		&shell.Shell{}:       {"Page"},
		&roles.DriftView{}:   {"Me", "Matrix"},
	}
	for _, p := range shell.Pages {
		components[p.Content(api.Me{})] = []string{"Me"}
	}
	for c, props := range components {
		typ := reflect.TypeOf(c).Elem()
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.IsExported() && f.Type != reflect.TypeFor[app.Compo]() && !slices.Contains(props, f.Name) {
				t.Errorf("%s.%s is exported: go-app would overwrite it from the parent's copy", typ, f.Name)
			}
		}
	}
}
