package perm

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

// The five standard actions of seed 004.
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

// Catalog lists every module the product knows. An account enables the
// non-core ones it uses; only enabled modules appear anywhere.
var Catalog = []Module{
	{Key: "users", Name: "Users", Core: true, Actions: []Action{View, Create, Edit, Delete, Manage}},
	{Key: "roles", Name: "Roles & permissions", Core: true, Actions: []Action{View, Create, Edit, Delete}},
	{Key: "account", Name: "Account settings", Core: true, Actions: []Action{View, Manage}},
	{Key: "billing", Name: "Billing & subscription", Core: true, Actions: []Action{View, Manage}},
	{Key: "audit", Name: "Audit log", Core: true, Actions: []Action{View}},
	{Key: "security", Name: "Security", Core: true, Actions: []Action{View, Manage}},
	{Key: "events", Name: "Events", Actions: crud()},
	{Key: "contacts", Name: "Contacts", Actions: crud()},
	{Key: "invoices", Name: "Invoices", Actions: crud()},
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
