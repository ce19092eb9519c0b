package perm

import "slices"

// Action is something a user may do in a module.
type Action struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// OwnScope: the action may be granted for own records only (`:own`).
	OwnScope bool `json:"own_scope"`
}

// Module is an area of the product with its actions.
type Module struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	Actions []Action `json:"actions"`
	// Core modules are the console's own and always enabled.
	Core bool `json:"core"`
}

// The five standard actions of an admin console's modules: view, create,
// edit, delete, manage.
var (
	View   = Action{Key: "view", Name: "View"}
	Create = Action{Key: "create", Name: "Create"}
	Edit   = Action{Key: "edit", Name: "Edit"}
	Delete = Action{Key: "delete", Name: "Delete"}
	Manage = Action{Key: "manage", Name: "Manage"}
)

// crud is the standard set for a module of records a user may own.
func crud() []Action {
	edit, del := Edit, Delete
	edit.OwnScope, del.OwnScope = true, true
	return []Action{View, Create, edit, del, Manage}
}

// capability is an action a module declares beyond the standard five.
func capability(key, name string) Action { return Action{Key: key, Name: name} }

// Catalog lists every module the product knows. An account enables the
// non-core ones it uses (its preset decides); only enabled modules appear
// anywhere, so the toggles offered follow the account's features.
var Catalog = []Module{
	// The console's own.
	{Key: "users", Name: "Users", Core: true, Actions: []Action{View, Create, Edit, Delete, Manage}},
	{Key: "roles", Name: "Roles & permissions", Core: true, Actions: []Action{View, Create, Edit, Delete}},
	{Key: "account", Name: "Account settings", Core: true, Actions: []Action{View, Manage}},
	{Key: "billing", Name: "Billing & subscription", Core: true, Actions: []Action{View, Manage}},
	{Key: "audit", Name: "Audit log", Core: true, Actions: []Action{View}},
	{Key: "security", Name: "Security", Core: true, Actions: []Action{View, Manage}},
	// The SaaS admin console's records (and the agency platform's CRM).
	{Key: "events", Name: "Events", Actions: crud()},
	{Key: "contacts", Name: "Contacts", Actions: crud()},
	{Key: "invoices", Name: "Invoices", Actions: crud()},
	// The two-role product: day-to-day areas and the administrative ones.
	{Key: "conversations", Name: "Conversations", Actions: crud()},
	{Key: "calendars", Name: "Calendars", Actions: crud()},
	{Key: "opportunities", Name: "Opportunities", Actions: crud()},
	{Key: "payments", Name: "Payments", Actions: []Action{View, Create, capability("refund", "Refund")}},
	{Key: "reporting", Name: "Reporting", Actions: []Action{View}},
	{Key: "integrations", Name: "Integrations", Actions: []Action{View, Manage}},
	{Key: "automations", Name: "Automations", Actions: []Action{View, Edit, Manage}},
	// The four-role clinic product: clinic areas.
	{Key: "appointments", Name: "Appointments", Actions: []Action{View, Create, Edit, Delete, capability("settings", "Appointment settings")}},
	{Key: "patients", Name: "Patients (client profiles)", Actions: []Action{View, Create, Edit, Delete}},
	{Key: "medical_records", Name: "Medical records", Actions: []Action{View, Create, Edit, Delete}},
	{Key: "reports", Name: "Reports", Actions: []Action{View}},
	{Key: "inventory", Name: "Inventory", Actions: []Action{View, Edit}},
	// The clinic CRM with a Staff page: its own capabilities.
	{Key: "orders", Name: "Orders", Actions: []Action{capability("refund", "Issue refunds")}},
	{Key: "memberships", Name: "Memberships", Actions: []Action{capability("cancel", "Cancel memberships")}},
	{Key: "notes", Name: "Staff notes", Actions: []Action{capability("write", "Write staff notes"), Delete}},
	{Key: "wallet", Name: "Beauty Bank", Actions: []Action{capability("adjust_balance", "Adjust Beauty Bank balance")}},
	{Key: "dashboard", Name: "Dashboard", Actions: []Action{View}},
	{Key: "payouts", Name: "Payouts", Actions: []Action{View}},
	{Key: "app_builder", Name: "App builder", Actions: []Action{capability("access", "Access app builder")}},
	{Key: "staff", Name: "Staff page", Actions: []Action{Manage}},
	// The agency platform: projects and their talk, client pages, CRM.
	{Key: "projects", Name: "Projects", Actions: []Action{Action{Key: "view", Name: "View", OwnScope: true}, Create, Edit, Delete, Manage,
		capability("lead", "Lead a project (Project Leader)")}},
	{Key: "client_talk", Name: "Client Talk", Actions: []Action{View, capability("post", "Post")}},
	{Key: "team_talk", Name: "Team Talk", Actions: []Action{View, capability("post", "Post")}},
	{Key: "client_pages", Name: "Client Pages", Actions: []Action{View, Manage}},
	{Key: "companies", Name: "Companies", Actions: crud()},
	{Key: "goals", Name: "Goals", Actions: crud()},
}

// LookupModule finds a module of the catalog by its key.
func LookupModule(key string) (Module, bool) {
	for _, m := range Catalog {
		if m.Key == key {
			return m, true
		}
	}
	return Module{}, false
}

// Enabled keeps the permission ids whose module is core or enabled: what
// an account that turned a module off shows and grants, while the rest
// stay stored for when it is turned on again.
func Enabled(enabled, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if p, err := Parse(id); err == nil && (slices.Contains(enabled, p.Module) || core(p.Module)) {
			out = append(out, id)
		}
	}
	return out
}

// Hidden keeps the permission ids whose module is neither core nor
// enabled: what a change made through the enabled ones leaves as it is.
func Hidden(enabled, ids []string) []string {
	var out []string
	for _, id := range ids {
		if p, err := Parse(id); err == nil && !slices.Contains(enabled, p.Module) && !core(p.Module) {
			out = append(out, id)
		}
	}
	return out
}

func core(key string) bool {
	m, ok := LookupModule(key)
	return ok && m.Core
}

// Modules returns the core modules and the enabled ones, in catalog order.
func Modules(enabled []string) []Module {
	on := make(map[string]bool, len(enabled))
	for _, k := range enabled {
		on[k] = true
	}
	var out []Module
	for _, m := range Catalog {
		if m.Core || on[m.Key] {
			out = append(out, m)
		}
	}
	return out
}

// All lists every permission id of the given modules, without `:own` forms.
func All(modules []Module) []string {
	var out []string
	for _, m := range modules {
		for _, a := range m.Actions {
			out = append(out, ID{Module: m.Key, Action: a.Key}.String())
		}
	}
	return out
}

// Canonical sorts and de-duplicates permission ids, so that equal sets
// compare equal and store alike.
func Canonical(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
