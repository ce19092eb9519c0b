// Package edit runs one change of an account atomically, judged by the
// rules against the account as it is at that moment, and records it in the
// audit log in the same update.
package edit

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// Record gathers the audit record of a change while it is applied; a
// change that sets no Action records nothing.
type Record struct {
	Action        string
	Target        tenant.AuditTarget
	Summary       string
	Before, After any
	RevertOf      string
	Revertible    bool

	at    time.Time
	actor tenant.AuditActor
}

// ActorID is the id of the member making the change.
func (r *Record) ActorID() string { return r.actor.ID }

func (r *Record) build() tenant.AuditRecord {
	return tenant.AuditRecord{
		At: r.at, Actor: r.actor, Action: r.Action, Target: r.Target,
		Summary: r.Summary, Before: encode(r.Before), After: encode(r.After),
		RevertOf: r.RevertOf, Revertible: r.Revertible,
	}
}

func encode(v any) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Change is one change: it may modify the account, fill rec, or refuse.
type Change func(a *tenant.Account, actor rules.Actor, rec *Record) error

// Apply runs change on p's account. The actor is rebuilt from the account
// as read inside the update, so rules judge the current state, never the
// one the request started with. It returns the account after the change
// and the audit record written, if any.
func Apply(ctx context.Context, st *store.Store, p *auth.Principal, now time.Time, change Change) (*tenant.Account, *tenant.AuditRecord, error) {
	var written *tenant.AuditRecord
	a, err := st.Accounts.Update(ctx, p.Account.ID, func(a *tenant.Account) error {
		written = nil
		m, ok := a.Members[p.Session.UserID]
		if !ok || m.Status != rules.StatusActive {
			return auth.ErrUnauthenticated
		}
		actor := rules.Actor{RoleID: m.RoleID, Subject: a.Subject(m), SuperAdminRole: a.SuperAdminRole()}
		rec := &Record{at: now.UTC(), actor: tenant.AuditActor{ID: p.Session.UserID, Name: m.Name, Email: m.Email}}
		if err := change(a, actor, rec); err != nil {
			return err
		}
		if rec.Action != "" {
			built := a.Record(rec.build())
			written = &built
		}
		return nil
	})
	if err == nil && written != nil {
		if slot, ok := ctx.Value(entryKey{}).(*string); ok {
			*slot = written.ID
		}
	}
	return a, written, err
}

type entryKey struct{}

// Noting returns ctx with a place where Apply notes the id of the audit
// record the change wrote, so that the answer can name it and the person
// who made the change can undo it from where they made it.
func Noting(ctx context.Context) (context.Context, *string) {
	slot := new(string)
	return context.WithValue(ctx, entryKey{}, slot), slot
}

// BeforeAfter reads what a record kept of what it changed, before and
// after the change.
func BeforeAfter(orig *tenant.AuditRecord, before, after any) error {
	if err := json.Unmarshal([]byte(orig.Before), before); err != nil {
		return err
	}
	return json.Unmarshal([]byte(orig.After), after)
}

// Undoer undoes one kind of recorded change on the account as it is now,
// under the rules of making that change by hand: it changes the account
// and fills rec's Before and After, or refuses.
type Undoer func(a *tenant.Account, actor rules.Actor, rec *Record, orig *tenant.AuditRecord) error

var errAlreadyUndone = &rules.Refusal{Code: rules.CodeInvalidState, Message: "This change has been undone already."}

// Undo undoes the recorded change entryID with the undoer of its kind, as
// one more audited change. Of two undos of one change racing, exactly one
// lands: the account's own list of undone records is read and written in
// the same atomic update.
func Undo(ctx context.Context, st *store.Store, p *auth.Principal, now time.Time, entryID string, undoers map[string]Undoer) (*tenant.AuditRecord, error) {
	orig, err := st.Audit.Get(ctx, p.Account.ID, entryID)
	if err != nil {
		return nil, err
	}
	undo := undoers[orig.Action]
	if !orig.Revertible || undo == nil {
		return nil, &rules.Refusal{Code: rules.CodeInvalidState, Message: "This kind of change cannot be undone."}
	}
	if orig.RevertedBy != "" {
		return nil, errAlreadyUndone
	}
	_, written, err := Apply(ctx, st, p, now, func(a *tenant.Account, actor rules.Actor, rec *Record) error {
		if a.UndoneBy(orig.ID) != "" {
			return errAlreadyUndone
		}
		rec.Action, rec.RevertOf, rec.Target = "audit.revert", orig.ID, orig.Target
		rec.Summary = "Undid: " + orig.Summary
		return undo(a, actor, rec, orig)
	})
	if err != nil {
		return nil, err
	}
	if written == nil {
		return nil, errAlreadyUndone
	}
	return written, nil
}
