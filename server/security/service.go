package security

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
)

// Service reviews the signed-in user's account.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New makes a Service; now is the clock, default time.Now.
func New(st *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

// Suggestions reviews p's account as p may see it, with its members' last
// sign-ins read from the store.
func (s *Service) Suggestions(ctx context.Context, p *auth.Principal) (Report, error) {
	last, err := s.st.SignIns.Of(ctx, p.Account.ID)
	if err != nil {
		return Report{}, err
	}
	return Review(p.Account, p.Session.UserID, last, s.now()), nil
}
