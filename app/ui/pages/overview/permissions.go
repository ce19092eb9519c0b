package overview

import (
	"maps"
	"slices"

	"github.com/rolesconsole/console/shared/perm"
)

// grantGroup is one module's share of a person's permissions, named for
// people.
type grantGroup struct {
	module  string
	actions []grantedAction
}

type grantedAction struct {
	name string
	own  bool // only on records the person created
}

// groupGrants sorts permission ids into modules, in catalog order, with the
// catalog's names. Ids the catalog does not know are kept under their keys:
// a person is shown everything they hold.
func groupGrants(ids []string) []grantGroup {
	// own[module][action]: granted, and whether only for own records. A full
	// grant beats an own-only one.
	own := map[string]map[string]bool{}
	for _, s := range ids {
		id, err := perm.Parse(s)
		if err != nil {
			continue
		}
		if own[id.Module] == nil {
			own[id.Module] = map[string]bool{}
		}
		if prev, ok := own[id.Module][id.Action]; !ok || prev {
			own[id.Module][id.Action] = id.Own
		}
	}

	var out []grantGroup
	for _, m := range perm.Catalog {
		held, ok := own[m.Key]
		if !ok {
			continue
		}
		g := grantGroup{module: m.Name}
		for _, a := range m.Actions {
			if o, ok := held[a.Key]; ok {
				g.actions = append(g.actions, grantedAction{name: a.Name, own: o})
				delete(held, a.Key)
			}
		}
		g.actions = append(g.actions, unknownActions(held)...)
		out = append(out, g)
		delete(own, m.Key)
	}
	for _, key := range slices.Sorted(maps.Keys(own)) {
		out = append(out, grantGroup{module: key, actions: unknownActions(own[key])})
	}
	return out
}

func unknownActions(held map[string]bool) []grantedAction {
	var out []grantedAction
	for _, key := range slices.Sorted(maps.Keys(held)) {
		out = append(out, grantedAction{name: key, own: held[key]})
	}
	return out
}
