package kit

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rolesconsole/console/shared/account"
)

// Password limits of the server: at least the account policy's minimum
// (12 by default, never under 8), at most 128 characters, no composition
// rules. The page checks only the floor, which no account goes under, and
// the ceiling; the server judges the rest (the account's minimum, breached
// passwords, the person's own name or email) and says so per field.
const (
	minPassword = account.PasswordMinLengthFloor
	maxPassword = account.PasswordMaxLength
)

// PasswordLengths is the hints' sentence on length.
var PasswordLengths = fmt.Sprintf("At least %d characters (the account's policy may set another minimum), at most %d.",
	account.DefaultPasswordMinLength, maxPassword)

// PasswordProblem is what is wrong with a new password that the page can
// tell before asking the server; "" when nothing.
func PasswordProblem(pw string) string {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0:
		return "Enter a password."
	case n < minPassword:
		return fmt.Sprintf("Use at least %d characters.", minPassword)
	case n > maxPassword:
		return fmt.Sprintf("Use at most %d characters.", maxPassword)
	}
	return ""
}

// LooksLikeEmail catches typing slips; the server checks for real.
func LooksLikeEmail(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\r\n") || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	return local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}
