package auth

import (
	"context"

	"github.com/rolesconsole/console/server/store"
)

// PublicID names a session in the API: a prefix of its stored id, itself
// a hash of the cookie token, so it can end the session but never be one.
func PublicID(s *store.Session) string { return s.ID[:24] }

// Sessions are the signed-in person's sessions that still act: those the
// account has not ended.
func (s *Service) Sessions(ctx context.Context, p *Principal) ([]store.Session, error) {
	all, err := s.st.Sessions.OfUser(ctx, p.Session.UserID)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, sess := range all {
		if p.Account.SessionValid(sess.UserID, sess.Epoch) {
			out = append(out, sess)
		}
	}
	return out, nil
}

// EndOwnSession signs out the signed-in person's session named publicID
// (the current one too); store.ErrNotFound when they have none of that
// name.
func (s *Service) EndOwnSession(ctx context.Context, p *Principal, publicID string) error {
	all, err := s.st.Sessions.OfUser(ctx, p.Session.UserID)
	if err != nil {
		return err
	}
	for i := range all {
		if PublicID(&all[i]) == publicID {
			return s.EndSession(ctx, &all[i])
		}
	}
	return store.ErrNotFound
}
