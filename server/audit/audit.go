// Package audit reads an account's log of changes, as its viewers may
// see it. Changes are written, with their records, by edit.Apply; undoing
// one is the roles service's.
package audit

import (
	"context"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
)

// Service reads audit logs.
type Service struct{ st *store.Store }

// New makes the audit service.
func New(st *store.Store) *Service { return &Service{st: st} }

// Page is one page of the signed-in person's account log, newest first,
// after cursor (a record's id) when one is given; store.ErrNotFound for a
// cursor that is no record of theirs. complete is false while a record
// claimed just now is still on its way into the log.
func (s *Service) Page(ctx context.Context, p *auth.Principal, cursor string, limit int) (recs []tenant.AuditRecord, more, complete bool, err error) {
	return s.st.Audit.Page(ctx, p.Account, cursor, limit)
}
