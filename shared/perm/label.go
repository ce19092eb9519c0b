package perm

// Label names a permission for people, from the catalog: "Payouts:
// View", "Contacts: Edit (own records)". Keys the catalog lacks stay as
// they are. The server's refusals and the UI say permissions this way.
func Label(key string) string {
	p, err := Parse(key)
	if err != nil {
		return key
	}
	for _, m := range Catalog {
		if m.Key != p.Module {
			continue
		}
		for _, a := range m.Actions {
			if a.Key == p.Action {
				s := m.Name + ": " + a.Name
				if p.Own {
					s += " (own records)"
				}
				return s
			}
		}
	}
	return key
}
