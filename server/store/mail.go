package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// MailMessage is an email kept in the store's outbox when no SMTP server
// is configured, for super admins to read in the console.
type MailMessage struct {
	ID        string    `bson:"_id"`
	AccountID string    `bson:"account_id"`
	At        time.Time `bson:"at"`
	To        string    `bson:"to"`
	Subject   string    `bson:"subject"`
	Text      string    `bson:"text"`
	// InviteFor and InviteLink are set on an invitation: the member it is
	// for and its link.
	InviteFor  string `bson:"invite_for,omitempty"`
	InviteLink string `bson:"invite_link,omitempty"`
}

// Mail is the outbox collection.
type Mail struct {
	c *mongo.Collection
}

// Insert stores a message.
func (r Mail) Insert(ctx context.Context, m *MailMessage) error {
	_, err := r.c.InsertOne(ctx, m)
	return wrap(err)
}

// Recent lists an account's latest messages, newest first.
func (r Mail) Recent(ctx context.Context, accountID string, limit int) ([]MailMessage, error) {
	cur, err := r.c.Find(ctx, bson.M{"account_id": accountID}, options.Find().SetSort(bson.D{{Key: "at", Value: -1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, wrap(err)
	}
	var out []MailMessage
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}
