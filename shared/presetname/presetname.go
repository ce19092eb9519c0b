// Package presetname names the presets by key, apart from their roles and
// grants in shared/preset: the wasm UI only names an account's preset, and
// linking every preset's data for that cost it 40 KB.
package presetname

// The presets' keys.
const (
	SaaSAdmin  = "saas-admin"
	TwoRole    = "two-role"
	ClinicFour = "clinic-four"
	ClinicSix  = "clinic-six"
	Ladder     = "ladder"
)

// Names holds each preset's name by key.
var Names = map[string]string{
	SaaSAdmin:  "SaaS admin users (Super Admin, Admin, Staff, Read-Only)",
	TwoRole:    "Two roles (Admin, User)",
	ClinicFour: "Clinic, four roles (Administrator, Medical Director, Provider, Front Desk)",
	ClinicSix:  "Clinic, six roles (Owner to Staff, and the vendor's account manager)",
	Ladder:     "Seven-step ladder (Super Admin to Freelancer)",
}
