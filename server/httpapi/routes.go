package httpapi

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// Access is what a route demands of the caller. Its zero value is not a
// valid declaration: a route that says nothing cannot be registered.
type Access struct {
	kind       accessKind
	Permission string
	// enrolment routes stay open to a user the 2FA policy holds at enrolment.
	enrolment bool
}

type accessKind int

const (
	undeclared accessKind = iota
	public
	signedIn
	permission
	superAdmin
)

// Public routes need no session (sign-in, password reset).
var Public = Access{kind: public}

// SignedIn routes need a session and nothing more (the caller's own data).
var SignedIn = Access{kind: signedIn}

// Enrolment routes need a session, and stay open while the account's 2FA
// policy holds the user at enrolment: who am I, enrol, sign out.
var Enrolment = Access{kind: signedIn, enrolment: true}

// SuperAdminOnly demands a super admin: for what must not reach anyone
// else whatever their grants (the outbox, which holds sign-in links).
var SuperAdminOnly = Access{kind: superAdmin}

// Requires demands a signed-in user holding the permission.
func Requires(p string) Access {
	if _, err := perm.Parse(p); err != nil {
		panic(fmt.Sprintf("route permission %q: %v", p, err))
	}
	return Access{kind: permission, Permission: p}
}

// IsPublic reports whether the route needs no session.
func (a Access) IsPublic() bool { return a.kind == public }

// Allows reports whether a signed-in user with these permissions passes
// the declaration; superAdmin says they are a super admin.
func (a Access) Allows(can func(string) bool, isSuperAdmin bool) bool {
	switch a.kind {
	case signedIn:
		return true
	case permission:
		return can(a.Permission)
	case superAdmin:
		return isSuperAdmin
	}
	return false
}

func (a Access) String() string {
	switch a.kind {
	case public:
		return "public"
	case signedIn:
		return "signed-in"
	case permission:
		return a.Permission
	case superAdmin:
		return "super-admin"
	}
	return "undeclared"
}

// Route is one endpoint under /api/v1 and the access it declares.
type Route struct {
	Method string
	Path   string
	Access Access
	Handle fiber.Handler
}

// Routes is the one table of every /api/v1 endpoint.
func (a *API) Routes() []Route {
	return []Route{
		{fiber.MethodPost, "/auth/login", Public, a.login},
		{fiber.MethodPost, "/auth/logout", Enrolment, bodyless(a.logout)},
		{fiber.MethodGet, "/me", Enrolment, a.me},
		{fiber.MethodPost, "/me/totp/enroll", Enrolment, bodyless(a.enrollTOTP)},
		{fiber.MethodPost, "/me/totp/confirm", Enrolment, a.limited(perUser("totp"), 20, a.confirmTOTP)},
		{fiber.MethodDelete, "/me/totp", SignedIn, a.limited(perUser("totp-off"), 5, a.disableTOTP)},
		{fiber.MethodPost, "/me/password", SignedIn, a.limited(perUser("password"), 20, a.changePassword)},
		{fiber.MethodGet, "/me/sessions", SignedIn, a.mySessions},
		{fiber.MethodDelete, "/me/sessions/:id", SignedIn, bodyless(a.endMySession)},
		{fiber.MethodGet, "/me/can", SignedIn, a.meCan},
		{fiber.MethodGet, "/me/accounts", Enrolment, a.myAccounts},
		{fiber.MethodPost, "/me/invites/accept", Enrolment, a.limited(perUser("join"), 20, a.joinInvite)},
		{fiber.MethodPost, "/me/accounts/:id/switch", Enrolment, a.limited(perUser("switch"), 20, a.switchAccount)},
		{fiber.MethodGet, "/plans", SignedIn, a.plans},
		{fiber.MethodGet, "/account", Requires("account.view"), a.account},
		{fiber.MethodGet, "/permissions", Requires("roles.view"), a.catalog},
		{fiber.MethodGet, "/roles", Requires("roles.view"), a.listRoles},
		{fiber.MethodPost, "/roles", Requires("roles.create"), a.createRole},
		{fiber.MethodGet, "/roles/:id", Requires("roles.view"), a.getRole},
		{fiber.MethodPatch, "/roles/:id", Requires("roles.edit"), a.patchRole},
		{fiber.MethodDelete, "/roles/:id", Requires("roles.delete"), bodyless(a.deleteRole)},
		{fiber.MethodPut, "/roles/:id/permissions/:permission", Requires("roles.edit"), a.toggle},
		{fiber.MethodPost, "/roles/:id/reset", Requires("roles.edit"), bodyless(a.resetRole)},
		{fiber.MethodGet, "/preset", Requires("roles.view"), a.preset},
		{fiber.MethodGet, "/matrix", Requires("roles.view"), a.matrix},
		{fiber.MethodGet, "/audit", Requires("audit.view"), a.audit},
		{fiber.MethodPost, "/audit/:id/revert", Requires("roles.edit"), bodyless(a.revert)},
		{fiber.MethodPatch, "/account", Requires("account.manage"), a.patchAccount},
		{fiber.MethodGet, "/mail", SuperAdminOnly, a.outbox},
		{fiber.MethodGet, "/users", Requires("users.view"), a.listUsers},
		{fiber.MethodGet, "/users/stats", Requires("users.view"), a.userStats},
		{fiber.MethodPost, "/users", Requires("users.create"), a.createUser},
		{fiber.MethodGet, "/users/:id", Requires("users.view"), a.getUser},
		{fiber.MethodPatch, "/users/:id", SignedIn, a.patchUser},
		{fiber.MethodDelete, "/users/:id", Requires("users.delete"), bodyless(a.deleteUser)},
		{fiber.MethodGet, "/users/:id/effective", Requires("users.view"), a.effective},
		{fiber.MethodPost, "/users/:id/disable", Requires("users.manage"), bodyless(a.act(rules.ActDisable))},
		{fiber.MethodPost, "/users/:id/enable", Requires("users.manage"), bodyless(a.act(rules.ActEnable))},
		{fiber.MethodPost, "/users/:id/revoke", Requires("users.manage"), bodyless(a.act(rules.ActRevoke))},
		{fiber.MethodPost, "/users/:id/restore", Requires("users.manage"), bodyless(a.act(rules.ActRestore))},
		{fiber.MethodPost, "/users/:id/invite", Requires("users.manage"), bodyless(a.act(rules.ActInvite))},
		{fiber.MethodPost, "/users/:id/reset-password", Requires("users.manage"), a.resetPassword},
		{fiber.MethodPost, "/users/:id/reset-2fa", Requires("users.manage"), bodyless(a.reset2FA)},
		{fiber.MethodPost, "/users/:id/remind-2fa", Requires("users.manage"), bodyless(a.remind2FA)},
		{fiber.MethodDelete, "/users/:id/sessions", Requires("users.manage"), bodyless(a.endUserSessions)},
		{fiber.MethodDelete, "/users/:id/lockout", Requires("users.manage"), bodyless(a.clearLockout)},
		{fiber.MethodGet, "/security/suggestions", Requires("security.view"), a.suggestions},
		{fiber.MethodPost, "/auth/password/forgot", Public, a.forgot},
		{fiber.MethodPost, "/auth/password/reset", Public, a.limited(perIP("reset"), 20, a.reset)},
		// Checking a link and accepting it draw on one count of failures,
		// so that two doors give a guesser no more tries than one.
		{fiber.MethodPost, "/auth/invites/check", Public, a.limited(perIP("accept"), 20, a.checkInvite)},
		{fiber.MethodPost, "/auth/invites/accept", Public, a.limited(perIP("accept"), 20, a.acceptInvite)},
		{fiber.MethodGet, "/openapi.json", Public, a.openapi},
	}
}

// register mounts routes, each behind its guard. It refuses a route that
// declares no access: deny by default.
func (a *API) register(r fiber.Router, routes []Route) {
	for _, rt := range routes {
		if rt.Access.kind == undeclared {
			panic(fmt.Sprintf("route %s %s declares no access", rt.Method, rt.Path))
		}
		r.Add(rt.Method, rt.Path, a.guard(rt.Access), rt.Handle)
	}
}
