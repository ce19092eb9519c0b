package users

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"

	mailer "github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
)

// newToken returns a link secret and the id the store keeps of it.
func newToken() (secret, id string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, tokenID(secret)
}

func tokenID(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// sendInvite replaces the member's invitation link with a new one, working
// until the expiry the account gives it, and mails it.
func (s *Service) sendInvite(ctx context.Context, a *tenant.Account, userID string) error {
	m := a.Members[userID]
	if err := s.st.Tokens.DeleteForUser(ctx, userID, store.TokenInvite); err != nil {
		return err
	}
	secret, id := newToken()
	expires := *m.InviteExpiresAt
	if err := s.st.Tokens.Insert(ctx, &store.Token{ID: id, Kind: store.TokenInvite, AccountID: a.ID, UserID: userID, ExpiresAt: expires}); err != nil {
		return err
	}
	link := s.cfg.PublicURL + "/invite?token=" + secret
	return s.mail.Send(ctx, mailer.Message{
		AccountID: a.ID,
		To:        m.Email,
		Subject:   "You are invited to " + a.Name,
		Text: "Hello " + m.Name + ",\n\nyou are invited to sign in to " + a.Name + ". Choose your password here:\n\n" +
			link + "\n\nThe link works once, until " + expires.Format("2 January 2006 15:04 MST") + ".\n",
		InviteFor: userID, InviteLink: link,
	})
}

// sendReset mails a password reset link.
func (s *Service) sendReset(ctx context.Context, a *tenant.Account, userID string) error {
	m := a.Members[userID]
	if err := s.st.Tokens.DeleteForUser(ctx, userID, store.TokenReset); err != nil {
		return err
	}
	secret, id := newToken()
	expires := s.cfg.Now().UTC().Add(s.cfg.ResetTTL)
	if err := s.st.Tokens.Insert(ctx, &store.Token{ID: id, Kind: store.TokenReset, AccountID: a.ID, UserID: userID, ExpiresAt: expires}); err != nil {
		return err
	}
	// The password the link sets is the person's in every account: where
	// they belong to another account too, the message stays out of this
	// account's outbox, whose super admins could otherwise choose it.
	outbox := a.ID
	if other, err := Elsewhere(ctx, s.st, a.ID, m.Email); err != nil {
		return err
	} else if other {
		outbox = ""
	}
	return s.mail.Send(ctx, mailer.Message{
		AccountID: outbox,
		To:        m.Email,
		Subject:   "Reset your password for " + a.Name,
		Text: "Hello " + m.Name + ",\n\nchoose a new password here:\n\n" + s.cfg.PublicURL + "/reset?token=" + secret +
			"\n\nThe link works once, for one hour. If you did not ask for it, ignore this email.\n",
	})
}
