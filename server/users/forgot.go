package users

import (
	"context"
	"log/slog"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/rules"
)

// Forgot queues a request for reset links to this email and returns: the
// same work, and so the same time, whether or not any user has the email.
// DeliverResets mails the links after the answer.
func (s *Service) Forgot(ctx context.Context, email string) error {
	now := s.cfg.Now().UTC()
	if err := s.st.ResetRequests.Insert(ctx, &store.ResetRequest{ID: store.NewID(now), Email: auth.NormalizeEmail(email), At: now}); err != nil {
		return err
	}
	select {
	case s.resets <- struct{}{}:
	default: // already woken
	}
	return nil
}

// DeliverResets mails the reset links asked for until ctx ends: at once
// (what was asked before a restart), after each request, and every so often
// for the requests of other servers or a failed round. A request is deleted
// once mailed, so it is mailed at least once.
func (s *Service) DeliverResets(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := s.deliverResets(ctx); err != nil && ctx.Err() == nil {
			log.Warn("mailing reset links", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.resets:
			// The mail's work must not slow the answer it follows, or the
			// answer's time would tell whether the email is a user's.
			select {
			case <-ctx.Done():
				return
			case <-time.After(afterAnswer):
			}
		case <-t.C:
		}
	}
}

// afterAnswer is how long after a request its links are mailed: well past
// the time its answer takes.
const afterAnswer = 250 * time.Millisecond

func (s *Service) deliverResets(ctx context.Context) error {
	for {
		pending, err := s.st.ResetRequests.Pending(ctx, 100)
		if err != nil || len(pending) == 0 {
			return err
		}
		for _, q := range pending {
			if err := s.mailResets(ctx, q.Email); err != nil {
				return err
			}
			if err := s.st.ResetRequests.Delete(ctx, q.ID); err != nil {
				return err
			}
		}
	}
}

// mailResets mails one reset link to the person with this email, through
// the account they used last where they are active: the password it sets
// is theirs in every account.
func (s *Service) mailResets(ctx context.Context, email string) error {
	p, err := s.st.People.Get(ctx, email)
	if err == store.ErrNotFound {
		return nil
	} else if err != nil {
		return err
	}
	for _, m := range p.Order() {
		a, err := s.st.Accounts.Get(ctx, m.AccountID)
		if err == store.ErrNotFound {
			continue
		} else if err != nil {
			return err
		}
		if a.Members[m.UserID].Status == rules.StatusActive {
			return s.sendReset(ctx, a, m.UserID)
		}
	}
	return nil
}
