// Package audit reads an account's log of changes, as its viewers may
// see it, and undoes a change from it. Changes are written, with their
// records, by edit.Apply; each service says how its changes are undone.
package audit

import (
	"context"
	"maps"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
)

// Service reads audit logs and undoes changes.
type Service struct {
	st      *store.Store
	undoers map[string]edit.Undoer
	now     func() time.Time
}

// New makes the audit service; undoers are the services' ways of undoing
// their kinds of change (roles.Undoers, accounts.Service.Undoers, users.Undoers).
func New(st *store.Store, undoers ...map[string]edit.Undoer) *Service {
	s := &Service{st: st, undoers: map[string]edit.Undoer{}, now: time.Now}
	for _, u := range undoers {
		maps.Copy(s.undoers, u)
	}
	return s
}

// Undo undoes one recorded change, under the rules of making it by hand,
// and records the undo.
func (s *Service) Undo(ctx context.Context, p *auth.Principal, entryID string) (*tenant.AuditRecord, error) {
	return edit.Undo(ctx, s.st, p, s.now(), entryID, s.undoers)
}

// Page is one page of the signed-in person's account log, newest first,
// after cursor (a record's id) when one is given; store.ErrNotFound for a
// cursor that is no record of theirs. complete is false while a record
// claimed just now is still on its way into the log.
func (s *Service) Page(ctx context.Context, p *auth.Principal, cursor string, limit int) (recs []tenant.AuditRecord, more, complete bool, err error) {
	return s.st.Audit.Page(ctx, p.Account, cursor, limit)
}
