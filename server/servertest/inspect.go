package servertest

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// DB connects straight to the embedded store, so tests can check what was
// (not) written, or change it behind the server's back.
func (e *Env) DB() *mongo.Database {
	e.T.Helper()
	emb := e.Server.Store.Embedded()
	if emb == nil {
		e.T.Fatal("DB needs the embedded store")
	}
	c, err := mongo.Connect(options.Client().ApplyURI(emb.URI()))
	if err != nil {
		e.T.Fatal(err)
	}
	e.T.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c.Database("console")
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
