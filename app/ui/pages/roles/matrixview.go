package roles

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

// matrixPrefs is what a person chose to see of the matrix. It is kept in
// the browser per account and person, so that a front desk's tablet opens
// on the few roles it works with, not on fifty columns.
type matrixPrefs struct {
	// Hidden are the roles left out of the grid: a role made later shows.
	Hidden []string `json:"hidden,omitempty"`
	// One is the role shown alone, its permissions as a list.
	One string `json:"one,omitempty"`
}

func (c *Page) prefsKey() string {
	return "roles-matrix/" + c.Me.Account.ID + "/" + c.Me.User.ID
}

func (c *Page) loadPrefs(ctx app.Context) {
	var p matrixPrefs
	if err := ctx.LocalStorage().Get(c.prefsKey(), &p); err == nil {
		c.prefs = p
	}
}

// savePrefs keeps the choice for next time. A browser that keeps nothing
// (private mode, full storage) still shows the choice until the page goes.
func (c *Page) savePrefs(ctx app.Context) {
	_ = ctx.LocalStorage().Set(c.prefsKey(), c.prefs)
}

func (c *Page) showRole(ctx app.Context, id string, shown bool) {
	c.prefs.Hidden = slices.DeleteFunc(c.prefs.Hidden, func(h string) bool { return h == id })
	if !shown {
		c.prefs.Hidden = append(c.prefs.Hidden, id)
	}
	c.savePrefs(ctx)
}

func (c *Page) showAllRoles(ctx app.Context, shown bool) {
	c.prefs.Hidden = nil
	if !shown {
		for _, r := range c.matrix.Roles {
			c.prefs.Hidden = append(c.prefs.Hidden, r.ID)
		}
	}
	c.savePrefs(ctx)
}

// showOne shows the role alone, or the chosen roles side by side for "".
func (c *Page) showOne(ctx app.Context, id string) {
	c.prefs.One = id
	c.savePrefs(ctx)
}

// oneRole is the role shown alone, if it still exists.
func (c *Page) oneRole() (api.Role, bool) {
	if c.prefs.One == "" {
		return api.Role{}, false
	}
	return c.role(c.prefs.One)
}

// shownRoles are the matrix's columns.
func (c *Page) shownRoles() []api.Role {
	if r, ok := c.oneRole(); ok {
		return []api.Role{r}
	}
	return slices.DeleteFunc(slices.Clone(c.matrix.Roles), func(r api.Role) bool { return c.hidden(r.ID) })
}

// shownModule is a module with the actions the search leaves.
type shownModule struct {
	perm.Module
	shown []perm.Action
}

// shownModules are the modules with an action matching the search, in the
// account's own names: "refund" finds Billing's Refund, "patients" every
// action of the Patients module, "contacts.edit" that one permission.
func (c *Page) shownModules() []shownModule {
	words := strings.Fields(strings.ToLower(c.query))
	var out []shownModule
	for _, m := range c.matrix.Modules {
		s := shownModule{Module: m}
		for _, act := range m.Actions {
			if matches(words, m, act) {
				s.shown = append(s.shown, act)
			}
		}
		if len(s.shown) > 0 {
			out = append(out, s)
		}
	}
	return out
}

func matches(words []string, m perm.Module, act perm.Action) bool {
	id := perm.ID{Module: m.Key, Action: act.Key}.String()
	text := strings.ToLower(strings.Join([]string{id, m.Name, act.Name}, " "))
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
