package session

import (
	"net/url"
)

// Pages anyone may open, without the shell: accepting an invitation,
// choosing a new password from a reset link, and asking for that link.
const (
	InvitePath = "/invite"
	ResetPath  = "/reset"
	ForgotPath = "/forgot"
)

// SignInPath is where anyone without a session is sent.
const SignInPath = "/signin"

// AccountsPath is "Choose an account", after a sign-in that opened more
// than one, and from the shell's account switcher.
const AccountsPath = "/accounts"

// DoRole, as ?do= of the Users page, opens the user's role dialog.
const DoRole = "role"

// UserLink opens a user's row on the Users page.
func UserLink(id, do string) string {
	v := url.Values{"user": {id}}
	if do != "" {
		v.Set("do", do)
	}
	return "/users?" + v.Encode()
}
