package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// One email in ten accounts, a password set in each by its admins: every
// hash of the email has one salt and cost, so a sign-in checks all ten
// accounts with one argon2 run (what password.Turn.Match shares), whatever
// the number; and each account's password still signs in to that account.
func TestAnEmailsAccountsShareOneHashRun(t *testing.T) {
	e := servertest.Start(t)
	const email = "sam@many.example"
	pw := func(i int) string { return fmt.Sprintf("violet harbour lantern %d", i) }
	owners := []*servertest.Client{e.SignedIn()}
	for i := 1; i < 10; i++ {
		ownerEmail := fmt.Sprintf("owner%d@many.example", i)
		if _, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{
			Name: fmt.Sprintf("Clinic %d", i), OwnerName: "Owner", Email: ownerEmail, Password: "other-password-1",
		}); err != nil {
			t.Fatal(err)
		}
		c := e.Client()
		c.Login(ownerEmail, "other-password-1")
		owners = append(owners, c)
	}
	ids := make([]string, len(owners))
	for i, c := range owners {
		var me api.Me
		c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
		ids[i] = me.Account.ID
		c.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: pw(i)}).Want(201)
	}
	users, err := e.Server.Store.Users.ByEmail(t.Context(), email)
	if err != nil || len(users) != 10 {
		t.Fatalf("%d user documents (%v); want 10", len(users), err)
	}
	runs := map[string]bool{}
	for _, u := range users {
		// $argon2id$v=19$m=..,t=..,p=..$salt$key: one run per cost and salt.
		parts := strings.Split(u.PasswordHash, "$")
		runs[parts[3]+"$"+parts[4]] = true
	}
	if len(runs) != 1 {
		t.Fatalf("the email's hashes need %d argon2 runs per sign-in; want 1", len(runs))
	}
	for i := range owners {
		c := e.Client()
		c.Login(email, pw(i))
		var me api.Me
		c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
		if me.Account.ID != ids[i] {
			t.Errorf("the password set in account %d signed in to %s; want %s", i, me.Account.ID, ids[i])
		}
	}
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: pw(10)}).Want(401)
}
