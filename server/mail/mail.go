// Package mail sends the console's emails (invitations, password resets):
// over SMTP when SMTP_URL is set, else into the store's outbox, where super
// admins read them in the console.
package mail

import (
	"context"
	"log/slog"
	"time"

	"github.com/rolesconsole/console/server/store"
)

// Message is one email.
type Message struct {
	AccountID string
	To        string
	Subject   string
	Text      string
	// InviteFor names the member an invitation is for, and InviteLink its
	// link: kept with the message in the outbox, the Users page copies the
	// link from that member's row.
	InviteFor, InviteLink string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// New returns an SMTP sender for smtpURL, or the store's outbox when it is empty.
func New(smtpURL string, st *store.Store, log *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return Outbox{st: st, log: log}, nil
	}
	return NewSMTP(smtpURL, log)
}

// Outbox keeps messages in the store.
type Outbox struct {
	st  *store.Store
	log *slog.Logger
}

// Send stores the message. The log names the recipient and subject only:
// the text carries single-use links.
func (o Outbox) Send(ctx context.Context, m Message) error {
	now := time.Now().UTC()
	err := o.st.Mail.Insert(ctx, &store.MailMessage{
		ID: store.NewID(now), AccountID: m.AccountID, At: now, To: m.To, Subject: m.Subject, Text: m.Text,
		InviteFor: m.InviteFor, InviteLink: m.InviteLink,
	})
	if err == nil {
		o.log.InfoContext(ctx, "mail kept in the outbox (no SMTP_URL)", "to", m.To, "subject", m.Subject)
	}
	return err
}
