package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// A person belongs to any number of accounts (twelve here, past the ten an
// email was once limited to), with one password and one hash: a sign-in
// runs one argon2 hash and offers every account where they are active.
// The other accounts' admins cannot give them a password of their own.
func TestAPersonInAnyNumberOfAccounts(t *testing.T) {
	e := servertest.Start(t)
	const email, pw = "sam@many.example", "violet harbour lantern"
	first := e.SignedIn()
	first.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: pw}).Want(201)
	sam := e.Client()
	sam.Login(email, pw)
	const accountsOfSam = 12
	for i := 1; i < accountsOfSam; i++ {
		ownerEmail := fmt.Sprintf("owner%d@many.example", i)
		if _, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{
			Name: fmt.Sprintf("Clinic %02d", i), OwnerName: "Owner", Email: ownerEmail, Password: "other-password-1",
		}); err != nil {
			t.Fatal(err)
		}
		owner := e.Client()
		owner.Login(ownerEmail, "other-password-1")
		wantCode(t, owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: fmt.Sprintf("%s %d", pw, i)}), 409, "invalid_state")
		joins(t, owner, sam, email, "Sam", "staff")
	}
	person, err := e.Server.Store.People.Get(t.Context(), email)
	if err != nil || len(person.Memberships) != accountsOfSam {
		t.Fatalf("the person has %d memberships (%v); want %d", len(person.Memberships), err, accountsOfSam)
	}
	if n := strings.Count(person.PasswordHash, "$argon2id$"); n != 1 {
		t.Fatalf("the person's password is %d hashes", n)
	}
	res := e.Client().Login(email, pw)
	if len(res.Accounts) != accountsOfSam {
		t.Fatalf("the sign-in offers %d accounts; want %d", len(res.Accounts), accountsOfSam)
	}
	// What the admins tried to give Sam opens nothing.
	for _, i := range []int{1, accountsOfSam - 1} {
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: fmt.Sprintf("%s %d", pw, i)}).Want(401)
	}
}
