package perm

import (
	"slices"
	"sync"
)

// Reason says why a check was decided the way it was.
type Reason uint8

// Reasons, allowed first.
const (
	ReasonSuperAdmin  Reason = iota + 1 // super admins hold everything
	ReasonRole                          // the role grants it
	ReasonRoleOwn                       // the role grants it for records the user created
	ReasonOverride                      // a per-user grant
	ReasonOverrideOwn                   // a per-user grant for records the user created
	ReasonNotGranted                    // nothing grants it
	ReasonNotOwner                      // granted for own records only, and this one is not
	ReasonDenied                        // a per-user deny
	ReasonModuleOff                     // the module is not enabled on the account
	ReasonUnknown                       // no such permission
)

var reasonNames = [...]string{
	ReasonSuperAdmin:  "super_admin",
	ReasonRole:        "role",
	ReasonRoleOwn:     "role_own_scope",
	ReasonOverride:    "override",
	ReasonOverrideOwn: "override_own_scope",
	ReasonNotGranted:  "not_granted",
	ReasonNotOwner:    "not_owner",
	ReasonDenied:      "override_deny",
	ReasonModuleOff:   "module_disabled",
	ReasonUnknown:     "unknown_permission",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) && reasonNames[r] != "" {
		return reasonNames[r]
	}
	return "unknown"
}

// Override reports whether the reason is a per-user grant.
func (r Reason) Override() bool { return r == ReasonOverride || r == ReasonOverrideOwn }

// Decision is the answer to "may this user do X?".
type Decision struct {
	Allowed bool
	Reason  Reason
}

// Overrides are a user's grants and denies on top of their role.
type Overrides struct {
	Grant []string `json:"grant" bson:"grant"`
	Deny  []string `json:"deny" bson:"deny"`
}

// Subject is one user's permissions, compiled for checking: every check is
// a map lookup and a few bit tests, with no allocation.
type Subject struct {
	index      *Index
	superAdmin bool
	enabled    Bits
	role       Bits
	roleOwn    Bits
	grant      Bits
	grantOwn   Bits
	deny       Bits
	// ids is IDs, worked out once: a subject is fixed once compiled, and
	// servers keep subjects and ask on every request who may do what.
	idsOnce sync.Once
	ids     []string
}

// Compile builds a subject from the role's grants and, when the account
// allows them, the user's overrides. Grants that are not in the index, or
// whose module is not enabled, grant nothing.
func (x *Index) Compile(superAdmin bool, enabledModules, grants []string, o *Overrides) *Subject {
	s := &Subject{index: x, superAdmin: superAdmin, enabled: x.enabled(enabledModules)}
	x.fill(&s.role, &s.roleOwn, grants)
	if o != nil {
		x.fill(&s.grant, &s.grantOwn, o.Grant)
		// A deny of "m.a" or "m.a:own" removes the action in both scopes.
		var denyOwn Bits
		x.fill(&s.deny, &denyOwn, o.Deny)
		for i := range s.deny {
			s.deny[i] |= denyOwn[i]
		}
	}
	return s
}

func (x *Index) fill(full, own *Bits, ids []string) {
	for _, id := range ids {
		if v, ok := x.lookup[id]; ok {
			if v&1 == 1 {
				own.set(v >> 1)
			} else {
				full.set(v >> 1)
			}
		}
	}
}

// Check decides whether the subject may perform id. isOwner says the record
// concerned was created by the subject, which `:own` grants need; asking
// for "m.a:own" asks whether the subject may act on their own records.
func (s *Subject) Check(id string, isOwner bool) Decision {
	v, ok := s.index.lookup[id]
	if !ok {
		return Decision{Reason: ReasonUnknown}
	}
	bit := v >> 1
	own := isOwner || v&1 == 1
	switch {
	case !s.enabled.has(bit):
		return Decision{Reason: ReasonModuleOff}
	case s.superAdmin:
		return Decision{true, ReasonSuperAdmin}
	case s.deny.has(bit):
		return Decision{Reason: ReasonDenied}
	case s.grant.has(bit):
		return Decision{true, ReasonOverride}
	case s.role.has(bit):
		return Decision{true, ReasonRole}
	case own && s.grantOwn.has(bit):
		return Decision{true, ReasonOverrideOwn}
	case own && s.roleOwn.has(bit):
		return Decision{true, ReasonRoleOwn}
	case s.grantOwn.has(bit) || s.roleOwn.has(bit):
		return Decision{Reason: ReasonNotOwner}
	}
	return Decision{Reason: ReasonNotGranted}
}

// SuperAdmin reports whether the subject holds everything.
func (s *Subject) SuperAdmin() bool { return s.superAdmin }

// Can is Check for a record that is not the subject's own.
func (s *Subject) Can(id string) bool {
	return s.Check(id, false).Allowed
}

// Granted lists every permission the subject holds with its source:
// "super_admin", "role" or "override". An action held only for own
// records is listed as "m.a:own".
func (s *Subject) Granted() []EffectivePermission {
	var out []EffectivePermission
	for bit, id := range s.index.ids {
		if !s.enabled.has(bit) {
			continue
		}
		var src string
		full := true
		switch {
		case s.superAdmin:
			src = "super_admin"
		case s.deny.has(bit):
			continue
		case s.grant.has(bit):
			src = "override"
		case s.role.has(bit):
			src = "role"
		case s.grantOwn.has(bit):
			src, full = "override", false
		case s.roleOwn.has(bit):
			src, full = "role", false
		default:
			continue
		}
		id.Own = !full
		out = append(out, EffectivePermission{ID: id.String(), Source: src})
	}
	return out
}

// EffectivePermission is a held permission and its source.
type EffectivePermission struct {
	ID     string
	Source string
}

// IDs lists the ids of Granted, in catalog order.
func (s *Subject) IDs() []string {
	s.idsOnce.Do(func() {
		g := s.Granted()
		s.ids = make([]string, len(g))
		for i, p := range g {
			s.ids[i] = p.ID
		}
	})
	return slices.Clone(s.ids)
}
