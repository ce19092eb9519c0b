package store

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/rolesconsole/console/server/tenant"
)

// NewID returns a random id that sorts by time: newest last (for mail).
func NewID(at time.Time) string {
	b := make([]byte, 14)
	binary.BigEndian.PutUint64(b, uint64(at.UnixNano()))
	_, _ = rand.Read(b[8:])
	return hex.EncodeToString(b)
}

// Audit is the audit collection. Records reach it through an account's
// outbox (see Accounts.Update), never directly.
type Audit struct {
	c *mongo.Collection
}

// Page lists an account's records newest first, after the cursor (a record
// id) when one is given, with whether there are more and whether the page
// is complete: a record claimed but not yet stored (its writer is between
// the two steps) is left out.
func (r Audit) Page(ctx context.Context, a *tenant.Account, cursor string, limit int) (recs []tenant.AuditRecord, more, complete bool, err error) {
	from := a.AuditCount
	if cursor != "" {
		n, ok := tenant.RecordNumber(a.ID, cursor)
		if !ok {
			return nil, false, false, ErrNotFound
		}
		from = min(n-1, a.AuditCount)
	}
	to := max(from-int64(limit)+1, 1)
	if from < 1 {
		return []tenant.AuditRecord{}, false, true, nil
	}
	keys := make([]string, from-to+1)
	for i := range keys {
		keys[i] = tenant.RecordID(a.ID, from-int64(i))
	}
	found, err := byIDs[tenant.AuditRecord](ctx, r.c, keys)
	if err != nil {
		return nil, false, false, err
	}
	recs, complete = []tenant.AuditRecord{}, true
	for _, rec := range found {
		if rec == nil {
			complete = false
			continue
		}
		recs = append(recs, *rec)
	}
	return recs, to > 1, complete, nil
}

// Get loads one record of an account.
func (r Audit) Get(ctx context.Context, accountID, id string) (*tenant.AuditRecord, error) {
	var rec tenant.AuditRecord
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&rec); err != nil {
		return nil, wrap(err)
	}
	if rec.AccountID != accountID {
		return nil, ErrNotFound
	}
	return &rec, nil
}
