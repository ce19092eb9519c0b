package tenant

import (
	"fmt"
	"strconv"
	"strings"
	"time"
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

// RecordID names an account's n-th audit record. Numbered per account, a
// page of the log is a known list of ids, each read from the _id index,
// the one index the embedded store answers from.
func RecordID(accountID string, n int64) string {
	return fmt.Sprintf("%s:%012d", accountID, n)
}

// RecordNumber reads back the number of an account's record id.
func RecordNumber(accountID, id string) (int64, bool) {
	rest, ok := strings.CutPrefix(id, accountID+":")
	if !ok || len(rest) != 12 {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n > 0
}

// Record numbers an audit record and adds it to the account's outbox, to be
// stored with the revision being claimed (see store.Accounts.Update).
func (a *Account) Record(rec AuditRecord) AuditRecord {
	a.AuditCount++
	rec.ID, rec.AccountID = RecordID(a.ID, a.AuditCount), a.ID
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
