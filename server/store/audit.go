package store

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// AuditRecord is one change: who, when, to what, and the state before and
// after (as JSON), from which the change can be undone.
type AuditRecord struct {
	ID        string      `bson:"_id"`
	AccountID string      `bson:"account_id"`
	At        time.Time   `bson:"at"`
	Actor     AuditActor  `bson:"actor"`
	Action    string      `bson:"action"`
	Target    AuditTarget `bson:"target"`
	Summary   string      `bson:"summary"`
	Before    string      `bson:"before"`
	After     string      `bson:"after"`
	// RevertOf names the record this one undid, and RevertedBy the record
	// that undid this one.
	RevertOf   string `bson:"revert_of"`
	RevertedBy string `bson:"reverted_by,omitempty"`
	// Revertible: this kind of change can be undone.
	Revertible bool `bson:"revertible"`
}

// AuditActor is who made a change.
type AuditActor struct {
	ID    string `bson:"id"`
	Name  string `bson:"name"`
	Email string `bson:"email"`
}

// AuditTarget is what a change was made to.
type AuditTarget struct {
	Type string `bson:"type"`
	ID   string `bson:"id"`
	Name string `bson:"name"`
}

// NewID returns a random id that sorts by time: newest last (for mail).
func NewID(at time.Time) string {
	b := make([]byte, 14)
	binary.BigEndian.PutUint64(b, uint64(at.UnixNano()))
	_, _ = rand.Read(b[8:])
	return hex.EncodeToString(b)
}

// auditKey names an account's n-th audit record. Numbered per account, a
// page of the log is a known list of ids, each read from the _id index,
// the one index the embedded store answers from.
func auditKey(accountID string, n int64) string {
	return fmt.Sprintf("%s:%012d", accountID, n)
}

// auditNumber reads back the number of an account's record id.
func auditNumber(accountID, id string) (int64, bool) {
	rest, ok := strings.CutPrefix(id, accountID+":")
	if !ok || len(rest) != 12 {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n > 0
}

// Record numbers an audit record and adds it to the account's outbox, to be
// stored with the revision being claimed (see Accounts.Update).
func (a *Account) Record(rec AuditRecord) AuditRecord {
	a.AuditCount++
	rec.ID, rec.AccountID = auditKey(a.ID, a.AuditCount), a.ID
	a.Outbox = append(a.Outbox, rec)
	if rec.RevertOf != "" {
		if a.Undone == nil {
			a.Undone = map[string]string{}
		}
		a.Undone[rec.RevertOf] = rec.ID
	}
	return rec
}

// UndoneBy names the record that undid the record id, "" when none did:
// read in the same atomic update as an undo, so that of two concurrent
// undos of one change exactly one lands.
func (a *Account) UndoneBy(id string) string { return a.Undone[id] }

// Audit is the audit collection. Records reach it through an account's
// outbox (see Accounts.Update), never directly.
type Audit struct {
	c *mongo.Collection
}

// Page lists an account's records newest first, after the cursor (a record
// id) when one is given, with whether there are more and whether the page
// is complete: a record claimed but not yet stored (its writer is between
// the two steps) is left out.
func (r Audit) Page(ctx context.Context, a *Account, cursor string, limit int) (recs []AuditRecord, more, complete bool, err error) {
	from := a.AuditCount
	if cursor != "" {
		n, ok := auditNumber(a.ID, cursor)
		if !ok {
			return nil, false, false, ErrNotFound
		}
		from = min(n-1, a.AuditCount)
	}
	to := max(from-int64(limit)+1, 1)
	if from < 1 {
		return []AuditRecord{}, false, true, nil
	}
	keys := make([]string, from-to+1)
	for i := range keys {
		keys[i] = auditKey(a.ID, from-int64(i))
	}
	found, err := byIDs[AuditRecord](ctx, r.c, keys)
	if err != nil {
		return nil, false, false, err
	}
	recs, complete = []AuditRecord{}, true
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
func (r Audit) Get(ctx context.Context, accountID, id string) (*AuditRecord, error) {
	var rec AuditRecord
	if err := r.c.FindOne(ctx, bson.M{"_id": id}).Decode(&rec); err != nil {
		return nil, wrap(err)
	}
	if rec.AccountID != accountID {
		return nil, ErrNotFound
	}
	return &rec, nil
}
