package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
)

type storeAccount = store.Account

func accountID(t *testing.T, e *servertest.Env) string {
	t.Helper()
	var me struct {
		Account struct {
			ID string `json:"id"`
		} `json:"account"`
	}
	e.SignedIn().Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	return me.Account.ID
}
