package httpapi_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// cheapHashes makes the passwords hashed from here on cheap to check, so a
// test may sign in a thousand times; the stored hashes say their own cost,
// so checking them needs nothing else.
func cheapHashes(t *testing.T) {
	saved := password.DefaultParams
	password.DefaultParams = password.Params{MemoryKiB: 64, Time: 1, Threads: 1}
	t.Cleanup(func() { password.DefaultParams = saved })
}

// accountBytes is the size of the account document's BSON in the store, and
// its revision.
func accountBytes(t *testing.T, e *servertest.Env) (int, int64) {
	t.Helper()
	raw, err := e.DB().Collection("accounts").FindOne(t.Context(), bson.D{}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	return len(raw), raw.Lookup("revision").AsInt64()
}

// A front desk signs in and out all day: 1,000 sign-ins and sign-outs by
// one user leave the account document as it was, to the byte and the
// revision, while the user's last sign-in still shows.
func TestSignInsAndSignOutsLeaveTheAccountAlone(t *testing.T) {
	cheapHashes(t)
	// Four workers sign one email in at once, all day: what is measured is
	// the account, not the throttles, which get room enough.
	e := servertest.Start(t, lenient)
	size, rev := accountBytes(t, e)
	const n, workers = 1000, 4
	began := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range n / workers {
				c := e.Client()
				c.Login(e.Email, e.Password)
				c.Do("POST", "/api/v1/auth/logout", nil).Want(204)
				c.Do("GET", "/api/v1/me", nil).Want(401)
			}
		})
	}
	wg.Wait()
	t.Logf("%d sign-ins and sign-outs in %v", n, time.Since(began).Round(time.Millisecond))
	afterSize, afterRev := accountBytes(t, e)
	if afterSize != size || afterRev != rev {
		t.Errorf("account document %d bytes at revision %d, then %d bytes at revision %d", size, rev, afterSize, afterRev)
	}
	if live := e.Count("sessions"); live != 0 {
		t.Errorf("%d sessions left", live)
	}
	owner := e.SignedIn()
	var list api.UserList
	owner.Do("GET", "/api/v1/users", nil).Want(200).JSON(&list)
	if len(list.Items) == 0 || list.Items[0].LastLoginAt == nil || time.Since(*list.Items[0].LastLoginAt) > time.Minute {
		t.Errorf("users list: %+v", list.Items)
	}
	var one api.User
	owner.Do("GET", "/api/v1/users/"+list.Items[0].ID, nil).Want(200).JSON(&one)
	if one.LastLoginAt == nil {
		t.Errorf("user detail without the last sign-in: %+v", one)
	}
}

// An account document written before sessions left it (sessions and last
// sign-ins in its members, ended sessions beside them) still loads: its
// sessions are taken no notice of, its last sign-ins are copied out once
// at start, and its next write drops the old fields.
func TestAnAccountWithSessionsInsideStillLoads(t *testing.T) {
	e := servertest.Start(t)
	_, id := e.WithRole("staff", "front.desk@example.com")
	e.Stop()
	then := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	old := servertest.Start(t, func(c *server.Config) { c.Store.DataDir = e.DataDir })
	_, err := old.DB().Collection("accounts").UpdateOne(t.Context(), bson.M{}, bson.M{"$set": bson.M{
		"members." + id + ".last_login_at": then,
		"members." + id + ".sessions":      bson.M{"gone-session": then.Add(12 * time.Hour)},
		"ended_sessions":                   bson.M{"another-gone-one": then.Add(12 * time.Hour)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.DB().Collection("signins").DeleteMany(t.Context(), bson.M{}); err != nil {
		t.Fatal(err)
	}
	old.Stop()

	again := servertest.Start(t, func(c *server.Config) { c.Store.DataDir = e.DataDir })
	admin := again.Client()
	admin.Login(e.Email, e.Password)
	var u api.User
	var list api.UserList
	admin.Do("GET", "/api/v1/users", nil).Want(200).JSON(&list)
	for _, item := range list.Items {
		if item.ID == id {
			u = item
		}
	}
	if u.LastLoginAt == nil || !u.LastLoginAt.Equal(then) {
		t.Fatalf("last sign-in after the move: %+v", u)
	}
	front := again.Client()
	front.Login("front.desk@example.com", servertest.UserPassword)
	front.Do("GET", "/api/v1/me", nil).Want(200)
	// The account document is rewritten at least every 16 writes (the
	// writes between carry patches): by then the old fields are gone.
	for i := range 16 {
		admin.Do("PATCH", "/api/v1/users/"+id, api.PatchUser{Name: ptr(fmt.Sprintf("Renamed %d", i))}).Want(200)
	}
	raw, err := again.DB().Collection("accounts").FindOne(t.Context(), bson.M{}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	member := raw.Lookup("members", id).Document()
	for _, field := range []string{"sessions", "last_login_at"} {
		if _, err := member.LookupErr(field); err == nil {
			t.Errorf("the member still holds %s after a write", field)
		}
	}
	if _, err := raw.LookupErr("ended_sessions"); err == nil {
		t.Error("the account still holds ended_sessions after a write")
	}
}

// 50 members of one account (a full Enterprise plan) sign in at once: every one's last sign-in is
// recorded, none lost to another's. A sign-in on a second server sharing
// the store shows on the first at once, though the first keeps the last
// sign-ins in memory.
func TestABurstOfSignInsRecordsEveryLastSignIn(t *testing.T) {
	cheapHashes(t)
	a := servertest.Start(t, lenient)
	owner := a.SignedIn()
	owner.Do("PATCH", "/api/v1/account", api.PatchAccount{Plan: ptr("enterprise")}).Want(200)
	passwords := map[string]string{a.Email: a.Password}
	for i := range burstOf - 1 {
		email := fmt.Sprintf("member%02d@example.com", i)
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: fmt.Sprintf("Member %02d", i), Email: email, RoleID: "staff", Password: servertest.UserPassword}).Want(201)
		passwords[email] = servertest.UserPassword
	}
	lastOf := func() map[string]*time.Time {
		var list api.UserList
		owner.Do("GET", "/api/v1/users?limit=100", nil).Want(200).JSON(&list)
		out := map[string]*time.Time{}
		for _, u := range list.Items {
			out[u.Email] = u.LastLoginAt
		}
		return out
	}
	lastOf() // the list is in memory from here on
	began := time.Now().Add(-time.Millisecond)
	var wg sync.WaitGroup
	for email, pw := range passwords {
		wg.Go(func() {
			if _, status := signIn(a, email, pw); status != 200 {
				t.Errorf("sign-in of %s: %d", email, status)
			}
		})
	}
	wg.Wait()
	last := lastOf()
	for email := range passwords {
		if at := last[email]; at == nil || at.Before(began) {
			t.Errorf("%s: last sign-in %v, the burst began at %v", email, at, began)
		}
	}

	b := servertest.Start(t, func(c *server.Config) { c.Store.URI = a.Server.Store.Embedded().OutsideURI() })
	before := time.Now().Add(-time.Millisecond)
	if _, status := signIn(b, "member00@example.com", servertest.UserPassword); status != 200 {
		t.Fatalf("sign-in on the second server: %d", status)
	}
	if at := lastOf()["member00@example.com"]; at == nil || at.Before(before) {
		t.Errorf("a sign-in on the second server at %v shows on the first as %v", before, at)
	}
}

// The security panel reads last sign-ins from where sign-ins are noted: a
// member whose last sign-in is over 90 days old is flagged, with its date,
// and one who just signed in is not; a change another process made shows
// at once, though the server keeps the account's sign-ins in memory.
func TestSecurityPanelReadsTheLastSignIns(t *testing.T) {
	e := servertest.Start(t)
	_, staffID := e.WithRole("staff", "away@example.com")
	long := time.Now().UTC().AddDate(0, 0, -100).Truncate(time.Millisecond)
	var acct struct {
		ID string `bson:"_id"`
	}
	if err := e.DB().Collection("accounts").FindOne(t.Context(), bson.D{}).Decode(&acct); err != nil {
		t.Fatal(err)
	}
	// As another process would write, through the store's outside address.
	other, err := mongo.Connect(options.Client().ApplyURI(e.Server.Store.Embedded().OutsideURI()))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Disconnect(t.Context())
	if _, err := other.Database("console").Collection("signins").UpdateOne(t.Context(), bson.M{"_id": acct.ID}, bson.M{"$set": bson.M{"at." + staffID: long}}); err != nil {
		t.Fatal(err)
	}
	var found api.Suggestions
	e.SignedIn().Do("GET", "/api/v1/security/suggestions", nil).Want(200).JSON(&found)
	var inactive []api.SuggestionUser
	for _, s := range found.Items {
		if s.Kind == "inactive_90_days" {
			inactive = s.Users
		}
	}
	if len(inactive) != 1 || inactive[0].ID != staffID || inactive[0].Detail != "last sign-in "+long.Format("2 Jan 2006") {
		t.Errorf("inactive for 90 days: %+v", inactive)
	}
}
