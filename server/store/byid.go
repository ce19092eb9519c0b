package store

import (
	"context"
	"errors"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// byIDs reads the documents with these ids at once, one lookup by _id each
// (the one query the embedded store answers from an index, where $in is a
// scan): found[i] is the document of ids[i], nil when there is none.
func byIDs[T any](ctx context.Context, c *mongo.Collection, ids []string) ([]*T, error) {
	found := make([]*T, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			var v T
			err := wrap(c.FindOne(ctx, bson.M{"_id": id}).Decode(&v))
			if err == nil {
				found[i] = &v
			} else if err != ErrNotFound {
				errs[i] = err
			}
		})
	}
	wg.Wait()
	return found, errors.Join(errs...)
}
