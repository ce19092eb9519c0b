package roles

import (
	"slices"
	"strings"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// roleDrift is how one role of the account differs from its preset default.
type roleDrift struct {
	role api.Role
	def  role.Role
	// now and want are the role's grants and the default's, one id per
	// action of the matrix ("m.a" or "m.a:own"), in catalog order.
	now, want []string
	// added are granted now but not by default; removed the reverse.
	added, removed           []string
	name, description, color bool
}

func (d roleDrift) drifted() bool {
	return d.name || d.description || d.color || len(d.added) > 0 || len(d.removed) > 0
}

// drift compares an account's roles with its preset's.
type driftReport struct {
	roles    []roleDrift // the shared roles that drifted, in the matrix's order
	matching []api.Role  // the shared roles that did not
	extra    []api.Role  // roles the preset does not have
	missing  []role.Role // preset roles the account no longer has
}

func (d driftReport) clean() bool {
	return len(d.roles) == 0 && len(d.extra) == 0 && len(d.missing) == 0
}

// computeDrift compares the matrix's roles with the preset's defaults.
// Permissions are compared action by action over the matrix's modules, as
// the matrix shows them; a super admin holds everything whatever its grants
// say, so only its name, description and colour can drift.
func computeDrift(m api.Matrix, p api.Preset) driftReport {
	var d driftReport
	bases := perm.All(m.Modules)
	for _, r := range m.Roles {
		i := slices.IndexFunc(p.Roles, func(x role.Role) bool { return x.ID == r.ID })
		if i < 0 {
			d.extra = append(d.extra, r)
			continue
		}
		def := p.Roles[i]
		rd := roleDrift{role: r, def: def,
			name: r.Name != def.Name, description: r.Description != def.Description, color: r.Color != def.Color}
		if !r.SuperAdmin && !def.SuperAdmin {
			grants, ok := m.Grants[r.ID]
			if !ok {
				grants = r.Permissions
			}
			for _, base := range bases {
				now, want := levelIn(grants, base), levelIn(def.Permissions, base)
				if now != levelOff {
					rd.now = append(rd.now, driftLevelID(base, now))
				}
				if want != levelOff {
					rd.want = append(rd.want, driftLevelID(base, want))
				}
				if now == want {
					continue
				}
				if now != levelOff {
					rd.added = append(rd.added, driftLevelID(base, now))
				}
				if want != levelOff {
					rd.removed = append(rd.removed, driftLevelID(base, want))
				}
			}
		}
		if rd.drifted() {
			d.roles = append(d.roles, rd)
		} else {
			d.matching = append(d.matching, r)
		}
	}
	for _, def := range p.Roles {
		if !slices.ContainsFunc(m.Roles, func(r api.Role) bool { return r.ID == def.ID }) {
			d.missing = append(d.missing, def)
		}
	}
	return d
}

// driftLevelID is the permission id that grants base at level l.
func driftLevelID(base string, l level) string {
	if l == levelOwn {
		return base + ":own"
	}
	return base
}

// driftRefusal asks shared/rules whether a may reset the role, as the
// server will: edit the role, take the default's name, and move its grants
// to the default's.
func driftRefusal(a rules.Actor, roles []role.Role, d roleDrift) *rules.Refusal {
	cur := d.role.Role
	cur.Permissions = d.now
	if no := rules.Edit(a, cur); no != nil {
		return no
	}
	if d.name {
		if no := rules.NameTaken(roles, d.def.Name, cur.ID); no != nil {
			return no
		}
	}
	if len(d.added) > 0 || len(d.removed) > 0 {
		if no := rules.SetPermissions(a, cur, d.want); no != nil {
			return no
		}
	}
	return nil
}

func driftPerms(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = perm.Label(id) + " (" + id + ")"
	}
	return kit.JoinAnd(out)
}

// driftResetText says what a reset will change, and for whom.
func driftResetText(d roleDrift) string {
	var s []string
	who := d.role.Name
	switch {
	case len(d.added) > 0 && len(d.removed) > 0:
		s = append(s, who+" will lose "+driftPerms(d.added)+" and get back "+driftPerms(d.removed)+".")
	case len(d.added) > 0:
		s = append(s, who+" will lose "+driftPerms(d.added)+".")
	case len(d.removed) > 0:
		s = append(s, who+" will get back "+driftPerms(d.removed)+".")
	}
	if d.name {
		s = append(s, "Its name goes back to “"+d.def.Name+"”.")
	}
	if d.description {
		s = append(s, "Its description goes back to “"+d.def.Description+"”.")
	}
	if d.color {
		s = append(s, "Its colour goes back to "+strings.ToLower(colorName(d.def.Color))+".")
	}
	switch n := d.role.Holders; {
	case n == 0:
		s = append(s, "No one holds this role at the moment.")
	case n == 1:
		s = append(s, "This applies at once to the 1 person who holds it.")
	default:
		s = append(s, "This applies at once to the "+kit.CountText(n, "person", "people")+" who hold it.")
	}
	s = append(s, "The audit log can undo it.")
	return strings.Join(s, " ")
}

// driftSummary is one line on what moved: "2 permissions added, 1 removed;
// name and colour changed".
func driftSummary(d roleDrift) string {
	var perms []string
	if n := len(d.added); n > 0 {
		perms = append(perms, kit.CountText(n, "permission", "permissions")+" added")
	}
	if n := len(d.removed); n > 0 {
		perms = append(perms, kit.CountText(n, "permission", "permissions")+" removed")
	}
	var fields []string
	if d.name {
		fields = append(fields, "name")
	}
	if d.description {
		fields = append(fields, "description")
	}
	if d.color {
		fields = append(fields, "colour")
	}
	parts := perms
	if len(fields) > 0 {
		parts = append(parts, kit.JoinAnd(fields)+" changed")
	}
	out := strings.Join(parts, "; ")
	if out == "" {
		return out
	}
	return strings.ToUpper(out[:1]) + out[1:]
}
