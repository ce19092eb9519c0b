package servertest

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// DB is the server's database, so tests can check what was (not) written,
// or change it behind the server's back.
func (e *Env) DB() *mongo.Database {
	return e.Server.Store.Database()
}

// Count counts the documents of a collection.
func (e *Env) Count(collection string) int64 {
	e.T.Helper()
	n, err := e.DB().Collection(collection).CountDocuments(context.Background(), bson.D{})
	if err != nil {
		e.T.Fatal(err)
	}
	return n
}
