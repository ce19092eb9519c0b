package preset

import (
	"testing"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/presetname"
)

// Every preset must be usable as it stands: known modules, grants that parse
// and fall in the preset's modules, unique role ids, exactly one top role.
func TestPresetsAreWellFormed(t *testing.T) {
	for key, p := range All {
		t.Run(key, func(t *testing.T) {
			if p.Key != key {
				t.Fatalf("listed as %q but keyed %q", key, p.Key)
			}
			modules := map[string]bool{}
			for _, m := range perm.Modules(p.Modules) {
				modules[m.Key] = true
			}
			for _, k := range p.Modules {
				if !modules[k] {
					t.Errorf("module %q is not in the catalog", k)
				}
			}
			ids := map[string]bool{}
			tops := 0
			for _, r := range p.Roles {
				if ids[r.ID] {
					t.Errorf("role id %q repeated", r.ID)
				}
				ids[r.ID] = true
				if r.Rank == p.Top().Rank {
					tops++
				}
				for _, g := range r.Permissions {
					id, err := perm.Parse(g)
					if err != nil || !modules[id.Module] || !perm.Default.Known(g) {
						t.Errorf("role %s grants %q, which is not a permission of its modules", r.ID, g)
					}
				}
			}
			if tops != 1 {
				t.Errorf("%d roles share the top rank", tops)
			}
		})
	}
}

// shared/presetname names exactly the presets there are.
func TestEveryPresetIsNamed(t *testing.T) {
	for key, p := range All {
		if name, ok := presetname.Names[key]; !ok || name != p.Name || name == "" {
			t.Errorf("preset %q is named %q in shared/presetname", key, name)
		}
	}
	for key := range presetname.Names {
		if _, ok := All[key]; !ok {
			t.Errorf("shared/presetname names %q, which is no preset", key)
		}
	}
}
