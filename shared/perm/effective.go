package perm

import "slices"

// Effective lists the permissions a holder of a role has on the given
// modules: all of them for a super admin, else the role's grants that fall in
// an enabled module. The result is sorted.
func Effective(superAdmin bool, grants []string, modules []Module) []string {
	if superAdmin {
		out := All(modules)
		slices.Sort(out)
		return out
	}
	enabled := make(map[string]bool, len(modules))
	for _, m := range modules {
		enabled[m.Key] = true
	}
	out := make([]string, 0, len(grants))
	for _, g := range grants {
		if id, err := Parse(g); err == nil && enabled[id.Module] {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
