package users

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// User is a member of an account as the console shows them: with their
// last sign-in (nil for never), and whether their invitation has run out.
type User struct {
	ID string
	tenant.Member
	LastLogin     *time.Time
	InviteExpired bool
}

// Page is one page of users, and the cursor of the next ("" on the last).
type Page struct {
	Users []User
	Next  string
}

// Counts are the active users per role and the pending invitations apart,
// as a viewer may count them, and the account's active super admins, all
// of them: the UI judges "the last super admin" by that count, as the
// server does.
type Counts struct {
	ByRole         map[string]int
	PendingInvites int
	SuperAdmins    int
	// CappedSeats are the seat holders of each role with a cap, all of them.
	CappedSeats map[string]int
	// RoleOrder is the account's role ids, in the account's order.
	RoleOrder []string
	// SeatsUsed are the seats in use, all of them.
	SeatsUsed int
}

func user(id string, m tenant.Member, last *time.Time, now time.Time) User {
	expired := m.Status == rules.StatusInvited && m.InviteExpiresAt != nil && !now.Before(*m.InviteExpiresAt)
	return User{ID: id, Member: m, LastLogin: last, InviteExpired: expired}
}

// View is a member of the account now, their last sign-in read from the
// store.
func (s *Service) View(ctx context.Context, accountID, id string, m tenant.Member) (User, error) {
	last, err := s.st.SignIns.Of(ctx, accountID)
	if err != nil {
		return User{}, err
	}
	return user(id, m, at(last, id), s.cfg.Now()), nil
}

// SignedIn is the member as the session that signed in at signedIn sees
// them: its sign-in is the last one it tells of, so that the signed-in
// user's own view costs no read of the store.
func (s *Service) SignedIn(id string, m tenant.Member, signedIn time.Time) User {
	return user(id, m, &signedIn, s.cfg.Now())
}

// at is a user's last sign-in in a map of them, or nil.
func at(last map[string]time.Time, id string) *time.Time {
	if t, ok := last[id]; ok {
		return &t
	}
	return nil
}
