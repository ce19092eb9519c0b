package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// Limits of a role's fields, in characters.
const (
	MaxRoleName        = 60
	MaxRoleDescription = 300
)

// ValidateRole checks a role's name, description and colour; nil when fine.
func ValidateRole(name, description, color string) *Refusal {
	fields := map[string]string{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		fields["name"] = "Give the role a name."
	case n > MaxRoleName:
		fields["name"] = "Keep the name under 60 characters."
	case !Printable(name):
		fields["name"] = "Use letters, digits, spaces and punctuation only."
	}
	if utf8.RuneCountInString(description) > MaxRoleDescription {
		fields["description"] = "Keep the description under 300 characters."
	}
	if !slices.Contains(role.Colors, color) {
		fields["color"] = "Pick one of the badge colours."
	}
	if len(fields) > 0 {
		return &Refusal{Code: CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	return nil
}

// NameTaken reports whether another role of the account has this name,
// compared without case or surrounding spaces.
func NameTaken(roles []role.Role, name, exceptID string) *Refusal {
	want := strings.ToLower(strings.TrimSpace(name))
	for _, r := range roles {
		if r.ID != exceptID && strings.ToLower(strings.TrimSpace(r.Name)) == want {
			return &Refusal{Code: CodeNameTaken, Message: "Another role is already called " + r.Name + ".",
				Fields: map[string]string{"name": "This name is taken."}}
		}
	}
	return nil
}

// Printable reports whether s has no control characters: names show in
// lists, emails and logs, where those have no place.
func Printable(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// MaxPersonName bounds a user's or an account's name, in characters.
const MaxPersonName = 200

// ValidName checks a user's or an account's name, trimmed: a message for
// the name's field, or "" when fine.
func ValidName(name string) string {
	if n := utf8.RuneCountInString(strings.TrimSpace(name)); n == 0 || n > MaxPersonName || !Printable(name) {
		return "Enter a name of at most 200 characters."
	}
	return ""
}

// KnownPermissions refuses ids that are not permissions of the account's
// enabled modules (the core ones always are), naming the field the ids
// came in.
func KnownPermissions(modules, ids []string, field string) *Refusal {
	for _, id := range ids {
		m, ok := perm.Default.Module(id)
		if !ok || (!m.Core && !slices.Contains(modules, m.Key)) {
			return &Refusal{Code: CodeInvalidInput, Message: id + " is not a permission of this account.",
				Fields: map[string]string{field: "Unknown permission " + id + "."}}
		}
	}
	return nil
}
