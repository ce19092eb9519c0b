package store

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
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
	// RevertOf names the record this one undid.
	RevertOf string `bson:"revert_of"`
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

// NewAuditID returns an id that sorts by time: newest last.
func NewAuditID(at time.Time) string {
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
// id) when one is given.
func (r Audit) Page(ctx context.Context, accountID, cursor string, limit int) ([]AuditRecord, error) {
	filter := bson.M{"account_id": accountID}
	if cursor != "" {
		filter["_id"] = bson.M{"$lt": cursor}
	}
	cur, err := r.c.Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, wrap(err)
	}
	var out []AuditRecord
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// Get loads one record of an account.
func (r Audit) Get(ctx context.Context, accountID, id string) (*AuditRecord, error) {
	var rec AuditRecord
	if err := r.c.FindOne(ctx, bson.M{"_id": id, "account_id": accountID}).Decode(&rec); err != nil {
		return nil, wrap(err)
	}
	return &rec, nil
}

// RevertsOf maps each of the given records to the record that undid it.
func (r Audit) RevertsOf(ctx context.Context, accountID string, ids []string) (map[string]string, error) {
	cur, err := r.c.Find(ctx, bson.M{"account_id": accountID, "revert_of": bson.M{"$in": ids}},
		options.Find().SetProjection(bson.M{"_id": 1, "revert_of": 1}))
	if err != nil {
		return nil, wrap(err)
	}
	var recs []AuditRecord
	if err := cur.All(ctx, &recs); err != nil {
		return nil, wrap(err)
	}
	out := make(map[string]string, len(recs))
	for _, rec := range recs {
		out[rec.RevertOf] = rec.ID
	}
	return out, nil
}
