package api

import (
	"encoding/json"
	"strconv"
)

// The contract's lists and maps are never null: every answer that holds
// one writes a nil one as [] or {}, whichever code built it. (Roles and
// the 2FA policy do the same for theirs, in shared/role and shared/account.)

func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// MarshalJSON writes the role's own fields, then its holders: without it,
// the embedded role's MarshalJSON would write the role alone.
func (r Role) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(r.Role)
	if err != nil {
		return nil, err
	}
	b = strconv.AppendInt(append(b[:len(b)-1], `,"holders":`...), int64(r.Holders), 10)
	return append(b, '}'), nil
}

func (a Account) MarshalJSON() ([]byte, error) {
	type plain Account
	a.Modules = list(a.Modules)
	return json.Marshal(plain(a))
}

func (m Me) MarshalJSON() ([]byte, error) {
	type plain Me
	m.Permissions = list(m.Permissions)
	return json.Marshal(plain(m))
}

func (c Catalog) MarshalJSON() ([]byte, error) {
	type plain Catalog
	c.Modules = list(c.Modules)
	return json.Marshal(plain(c))
}

func (l RoleList) MarshalJSON() ([]byte, error) {
	type plain RoleList
	l.Items = list(l.Items)
	return json.Marshal(plain(l))
}

func (m Matrix) MarshalJSON() ([]byte, error) {
	type plain Matrix
	m.Modules, m.Roles = list(m.Modules), list(m.Roles)
	grants := make(map[string][]string, len(m.Grants))
	for id, g := range m.Grants {
		grants[id] = list(g)
	}
	m.Grants = grants
	return json.Marshal(plain(m))
}

func (p AuditPage) MarshalJSON() ([]byte, error) {
	type plain AuditPage
	p.Items = list(p.Items)
	return json.Marshal(plain(p))
}

func (e Effective) MarshalJSON() ([]byte, error) {
	type plain Effective
	e.Permissions = list(e.Permissions)
	return json.Marshal(plain(e))
}

func (p Preset) MarshalJSON() ([]byte, error) {
	type plain Preset
	p.Roles = list(p.Roles)
	return json.Marshal(plain(p))
}

func (l UserList) MarshalJSON() ([]byte, error) {
	type plain UserList
	l.Items = list(l.Items)
	return json.Marshal(plain(l))
}

func (s UserStats) MarshalJSON() ([]byte, error) {
	type plain UserStats
	if s.ByRole == nil {
		s.ByRole = map[string]int{}
	}
	return json.Marshal(plain(s))
}

func (l MailList) MarshalJSON() ([]byte, error) {
	type plain MailList
	l.Items = list(l.Items)
	return json.Marshal(plain(l))
}

func (r RecoveryCodes) MarshalJSON() ([]byte, error) {
	type plain RecoveryCodes
	r.RecoveryCodes = list(r.RecoveryCodes)
	return json.Marshal(plain(r))
}

func (l SessionList) MarshalJSON() ([]byte, error) {
	type plain SessionList
	l.Items = list(l.Items)
	return json.Marshal(plain(l))
}

func (s Suggestion) MarshalJSON() ([]byte, error) {
	type plain Suggestion
	s.Users = list(s.Users)
	return json.Marshal(plain(s))
}

func (s Suggestions) MarshalJSON() ([]byte, error) {
	type plain Suggestions
	s.Items = list(s.Items)
	return json.Marshal(plain(s))
}
