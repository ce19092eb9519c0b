package roles

import (
	"slices"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// level is what a role holds of one action: nothing, the action on the
// records its holders created (`m.a:own`), or the action on every record.
type level int

const (
	levelOff level = iota
	levelOwn
	levelAll
)

// levelValues are the values of a tri-state cell's <select>.
var levelValues = [...]string{levelOff: "off", levelOwn: "own", levelAll: "all"}

var levelNames = [...]string{levelOff: "Off", levelOwn: "Own records", levelAll: "All records"}

func levelOfValue(v string) (level, bool) {
	i := slices.Index(levelValues[:], v)
	return level(i), i >= 0
}

// grantsOf is what the role grants in m. A super admin holds every
// permission, whatever its grants say.
func grantsOf(m api.Matrix, r api.Role) []string {
	if r.SuperAdmin {
		return perm.All(m.Modules)
	}
	if g, ok := m.Grants[r.ID]; ok {
		return g
	}
	return r.Permissions
}

// levelNow is the level the page holds for a cell, changes in flight included.
func (c *Page) levelNow(roleID, base string) level {
	r, ok := c.role(roleID)
	if !ok {
		return levelOff
	}
	return levelIn(grantsOf(c.matrix, r), base)
}

func levelIn(grants []string, base string) level {
	switch {
	case slices.Contains(grants, base):
		return levelAll
	case slices.Contains(grants, base+":own"):
		return levelOwn
	}
	return levelOff
}

// step is one PUT of the matrix: grant or revoke one permission.
type step struct {
	id      string
	granted bool
}

// steps moves one action of a role to the level to: "all" grants m.a and
// revokes m.a:own, "own" the reverse, off revokes both. Grants go first.
func steps(grants []string, base string, to level) []step {
	hasAll, hasOwn := slices.Contains(grants, base), slices.Contains(grants, base+":own")
	var out []step
	if to == levelAll && !hasAll {
		out = append(out, step{base, true})
	}
	if to == levelOwn && !hasOwn {
		out = append(out, step{base + ":own", true})
	}
	if to != levelAll && hasAll {
		out = append(out, step{base, false})
	}
	if to != levelOwn && hasOwn {
		out = append(out, step{base + ":own", false})
	}
	return out
}

func applySteps(grants []string, todo []step) []string {
	out := slices.Clone(grants)
	for _, s := range todo {
		out = slices.DeleteFunc(out, func(p string) bool { return p == s.id })
		if s.granted {
			out = append(out, s.id)
		}
	}
	return out
}

// refusalOf asks shared/rules whether a may move the cell to the level.
func refusalOf(a rules.Actor, r role.Role, grants []string, base string, to level) *rules.Refusal {
	todo := steps(grants, base, to)
	for _, s := range todo {
		if no := rules.Toggle(a, r, s.id, s.granted); no != nil {
			return no
		}
	}
	return nil
}
