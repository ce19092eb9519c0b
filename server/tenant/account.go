// Package tenant is the account document and what it knows of itself: its
// roles, its members and their roles and statuses, its seats, and the
// numbered audit records it carries until they are stored. Every account
// invariant is judged on one such document, read and written whole.
package tenant

import (
	"time"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Account is one customer. Its roles and its members' roles and statuses
// live in this one document, so that every account invariant (seats, caps,
// last super admin) is checked and changed in a single atomic update.
type Account struct {
	ID        string            `bson:"_id"`
	Name      string            `bson:"name"`
	Plan      string            `bson:"plan"`
	Preset    string            `bson:"preset"`
	Policy    account.Policy    `bson:"policy"`
	Modules   []string          `bson:"modules"`
	Roles     []role.Role       `bson:"roles"`
	Members   map[string]Member `bson:"members"`
	Revision  int64             `bson:"revision"`
	CreatedAt time.Time         `bson:"created_at"`
	// Outbox holds audit records written in the same atomic update as the
	// change they record, until they are moved to the audit collection.
	Outbox []AuditRecord `bson:"outbox"`
	// AuditCount numbers the account's audit records (see Record).
	AuditCount int64 `bson:"audit_count"`
	// Undone maps each undone audit record to the record of its undo: one
	// entry per undo, the change undone being an audit record already.
	Undone map[string]string `bson:"undone,omitempty"`
	// Nothing here grows with use: sessions live in their own collection and
	// last sign-ins in theirs (SignIns), so signing in and out never writes
	// the account. A document written before then may still hold
	// ended_sessions, and members sessions and last_login_at: decoding
	// ignores them, the account's next write drops them, and the last
	// sign-ins are copied out once at start (see SignIns.moveOut).
}

// Member is a user in their account: who they are and what they may do.
// The user document keeps only how they sign in. Everything a page shows
// of a user is here, so that lists and the signed-in user's own view are
// read from the one account document, at one revision.
type Member struct {
	Name      string    `bson:"name"`
	Email     string    `bson:"email"`
	CreatedAt time.Time `bson:"created_at"`
	// InviteExpiresAt is when the pending invitation's link stops working.
	InviteExpiresAt *time.Time `bson:"invite_expires_at,omitempty"`
	// CreatedBy and CreatedByName are who added the member (empty for the
	// account's first member, and those added before the console kept it).
	CreatedBy     string `bson:"created_by,omitempty"`
	CreatedByName string `bson:"created_by_name,omitempty"`

	RoleID    string         `bson:"role_id"`
	Status    string         `bson:"status"`
	Overrides perm.Overrides `bson:"overrides"`
	// BeforeDeletion is the status a restore returns a deleted user to.
	BeforeDeletion string `bson:"before_deletion,omitempty"`
	// TOTP: two-factor sign-in is on. Kept here, beside role and status, so
	// that the policy and the security checks read one document.
	TOTP bool `bson:"totp"`
	// SessionEpoch ends every session opened at a lower epoch: "sign out
	// everywhere", and a login going away, are one change of the account,
	// seen by every server. A single sign-out deletes its session instead.
	SessionEpoch int64 `bson:"session_epoch,omitempty"`
}

// SessionValid reports whether the account still lets a session of the
// user, opened at the epoch, act:
// its user is an active member, and no later "sign out everywhere" ended
// it. Whether it was signed out is whether its document still exists.
func (a *Account) SessionValid(userID string, epoch int64) bool {
	m, ok := a.Members[userID]
	return ok && m.Status == rules.StatusActive && epoch >= m.SessionEpoch
}

// SuperAdminRole names the account's super-admin role ("Owner"), "" when
// it has none.
func (a *Account) SuperAdminRole() string {
	for _, r := range a.Roles {
		if r.SuperAdmin {
			return r.Name
		}
	}
	return ""
}

// Role returns the account's role with the given id.
func (a *Account) Role(id string) (role.Role, bool) {
	for _, r := range a.Roles {
		if r.ID == id {
			return r, true
		}
	}
	return role.Role{}, false
}

// Subject compiles what a member may do: their role's grants and, when the
// account's policy allows them, their overrides.
func (a *Account) Subject(m Member) *perm.Subject {
	r, _ := a.Role(m.RoleID)
	var o *perm.Overrides
	if a.Policy.Overrides {
		o = &m.Overrides
		if len(r.Never) > 0 {
			// What the role may never hold, no grant gives (one stored
			// before the role said so included).
			kept := perm.Overrides{Deny: m.Overrides.Deny}
			for _, g := range m.Overrides.Grant {
				if _, never := r.Forbids(g); !never {
					kept.Grant = append(kept.Grant, g)
				}
			}
			o = &kept
		}
	}
	return perm.Default.Compile(r.SuperAdmin, a.Modules, r.Permissions, o)
}

// Holders counts each role's holders: its active members, the one
// meaning of "holder" that every count shows. Members hidden from the
// viewer (see Hidden) are left out, so a count never tells who holds a
// private role.
func (a *Account) Holders(viewerID string) map[string]int {
	out := map[string]int{}
	for id, m := range a.Members {
		if m.Status == rules.StatusActive && m.RoleID != "" && !a.Hidden(viewerID, id) {
			out[m.RoleID]++
		}
	}
	return out
}

// SeatedByRole counts each role's members who hold a seat (invited and
// disabled ones too): what a role's cap limits.
func (a *Account) SeatedByRole() map[string]int {
	out := map[string]int{}
	for _, m := range a.Members {
		if rules.HoldsSeat(m.Status) {
			out[m.RoleID]++
		}
	}
	return out
}

// Hidden reports whether a member's details are hidden from the viewer:
// their role is private (the ladder's Super Admin, whose details nobody
// else may see) and the viewer does not hold it. To the viewer, such a
// member does not exist.
func (a *Account) Hidden(viewerID, id string) bool {
	if viewerID == id {
		return false
	}
	r, _ := a.Role(a.Members[id].RoleID)
	return r.Private && a.Members[viewerID].RoleID != r.ID
}

// Viewpoint names what the viewer may see of the account's members: ""
// where nothing is hidden from anyone, else which private role they hold
// ("-" for none). Viewers of one viewpoint see the same answers.
func (a *Account) Viewpoint(viewerID string) string {
	private := false
	for _, r := range a.Roles {
		private = private || r.Private
	}
	if !private {
		return ""
	}
	if r, _ := a.Role(a.Members[viewerID].RoleID); r.Private {
		return r.ID
	}
	return "-"
}

// SeatsUsed counts the members holding a seat: active, disabled and invited.
func (a *Account) SeatsUsed() int {
	n := 0
	for _, m := range a.Members {
		if rules.HoldsSeat(m.Status) {
			n++
		}
	}
	return n
}
