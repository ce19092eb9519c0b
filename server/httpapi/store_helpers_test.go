package httpapi_test

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/tenant"
)

type storeAccount = tenant.Account

// accountID is the id of the test server's only account.
func accountID(t *testing.T, e *servertest.Env) string {
	t.Helper()
	var a struct {
		ID string `bson:"_id"`
	}
	if err := e.DB().Collection("accounts").FindOne(t.Context(), bson.D{}).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a.ID
}
