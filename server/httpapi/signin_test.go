package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

func TestLoginScenarios(t *testing.T) {
	e := servertest.Start(t)
	good := api.LoginRequest{Email: e.Email, Password: e.Password}
	for _, s := range []servertest.Scenario{
		{Name: "valid", Method: "POST", Path: "/api/v1/auth/login", Body: good,
			WantStatus: 200, WantContains: []string{`"csrf_token":"`, `"email":"` + e.Email, `"role_id":"super_admin"`, `"status":"active"`},
			WantNotContains: []string{"password", "hash"}},
		{Name: "email in another case, with spaces", Method: "POST", Path: "/api/v1/auth/login",
			Body: api.LoginRequest{Email: "  " + strings.ToUpper(e.Email) + " ", Password: e.Password}, WantStatus: 200},
		{Name: "wrong password", Method: "POST", Path: "/api/v1/auth/login",
			Body: api.LoginRequest{Email: e.Email, Password: "wrong-password"}, WantStatus: 401, WantCode: "invalid_credentials"},
		{Name: "unknown email", Method: "POST", Path: "/api/v1/auth/login",
			Body: api.LoginRequest{Email: "nobody@example.com", Password: e.Password}, WantStatus: 401, WantCode: "invalid_credentials"},
		{Name: "missing fields", Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{},
			WantStatus: 400, WantCode: "invalid_input", WantContains: []string{`"email":`, `"password":`}},
		{Name: "malformed JSON", Method: "POST", Path: "/api/v1/auth/login", Body: `{"email": "a@b.c", "password":`,
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "unknown field", Method: "POST", Path: "/api/v1/auth/login", Body: `{"email":"a@b.c","password":"x","role":"super_admin"}`,
			WantStatus: 400, WantCode: "invalid_input", WantContains: []string{"role"}},
		{Name: "operator instead of a string", Method: "POST", Path: "/api/v1/auth/login", Body: `{"email":{"$ne":null},"password":{"$ne":null}}`,
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "two JSON values", Method: "POST", Path: "/api/v1/auth/login", Body: `{"email":"a@b.c","password":"x"} {}`,
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "invalid UTF-8", Method: "POST", Path: "/api/v1/auth/login", Body: "{\"email\":\"\xff\",\"password\":\"x\"}",
			WantStatus: 400, WantCode: "invalid_input"},
		{Name: "not JSON", Method: "POST", Path: "/api/v1/auth/login", Body: "email=a&password=b",
			Headers: []string{"Content-Type", "application/x-www-form-urlencoded"}, WantStatus: 400, WantCode: "invalid_input"},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
}

// An unknown email and a wrong password must not be told apart.
func TestWrongPasswordAndUnknownEmailAnswerAlike(t *testing.T) {
	e := servertest.Start(t)
	c := e.Client()
	wrong := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "not-the-password"}).Want(401)
	unknown := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "nobody@example.com", Password: "not-the-password"}).Want(401)
	if !bytes.Equal(wrong.Body, unknown.Body) {
		t.Fatalf("bodies differ:\n%s\n%s", wrong.Body, unknown.Body)
	}
	for _, h := range []string{"Content-Type", "Set-Cookie", "Content-Length"} {
		if wrong.Header.Get(h) != unknown.Header.Get(h) {
			t.Errorf("header %s differs: %q vs %q", h, wrong.Header.Get(h), unknown.Header.Get(h))
		}
	}
}

// A user the account does not hold as active cannot sign in, and the
// answer is the same as for a wrong password; their open sessions end.
func TestInactiveUserCannotSignInAndIsSignedOut(t *testing.T) {
	e := servertest.Start(t)
	signedIn := e.SignedIn()
	wrong := e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "not-the-password"})
	setStatus(t, e, "disabled")
	res := e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(401)
	if !bytes.Equal(res.Body, wrong.Body) {
		t.Errorf("disabled user's answer %s differs from a wrong password's %s", res.Body, wrong.Body)
	}
	signedIn.Do("GET", "/api/v1/me", nil).Want(401)
}

// setStatus changes the demo user's status straight in the store.
func setStatus(t *testing.T, e *servertest.Env, status string) {
	t.Helper()
	ctx := context.Background()
	db := e.DB()
	var acct struct {
		ID      string                    `bson:"_id"`
		Members map[string]map[string]any `bson:"members"`
	}
	if err := db.Collection("accounts").FindOne(ctx, bson.D{}).Decode(&acct); err != nil {
		t.Fatal(err)
	}
	for id := range acct.Members {
		_, err := db.Collection("accounts").UpdateOne(ctx, bson.M{"_id": acct.ID}, bson.M{"$set": bson.M{"members." + id + ".status": status}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestRepeatedFailuresAreThrottled(t *testing.T) {
	t.Run("per email", func(t *testing.T) {
		e := servertest.Start(t)
		c := e.Client()
		for i := 0; i < 5; i++ {
			c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"}).Want(401)
		}
		// Even the right password is refused until the window closes.
		res := c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(429)
		if res.ErrorCode() != "too_many_attempts" {
			t.Errorf("code %q", res.ErrorCode())
		}
	})
	t.Run("per IP across emails", func(t *testing.T) {
		e := servertest.Start(t)
		c := e.Client()
		for i := 0; i < 20; i++ {
			c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "guess" + string(rune('a'+i)) + "@example.com", Password: "x"}).Want(401)
		}
		c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(429)
	})
	t.Run("window closes", func(t *testing.T) {
		clock := newClock()
		e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
		c := e.Client()
		for i := 0; i < 5; i++ {
			c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"}).Want(401)
		}
		c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(429)
		clock.Advance(16 * time.Minute)
		c.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(200)
	})
	t.Run("concurrent failures all count", func(t *testing.T) {
		e := servertest.Start(t)
		var wg sync.WaitGroup
		for i := 0; i < 5; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"})
			}()
		}
		wg.Wait()
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(429)
	})
}

// Bad input is refused before anything is written: no session, no
// throttle counter.
func TestMalformedLoginWritesNothing(t *testing.T) {
	e := servertest.Start(t)
	before := []int64{e.Count("sessions"), e.Count("throttles"), e.Count("users"), e.Count("accounts")}
	c := e.Client()
	for _, body := range []string{`{`, `[]`, `{"email":"x@y.z","password":"p","extra":1}`, `"text"`, `{"email":1,"password":2}`} {
		c.Do("POST", "/api/v1/auth/login", body).Want(400)
	}
	after := []int64{e.Count("sessions"), e.Count("throttles"), e.Count("users"), e.Count("accounts")}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("documents before %v, after %v", before, after)
		}
	}
}

func TestSessionCookie(t *testing.T) {
	e := servertest.Start(t)
	res := e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}).Want(200)
	cookie := res.Header.Get("Set-Cookie")
	for _, want := range []string{"session=", "httponly", "samesite=strict", "path=/"} {
		if !strings.Contains(strings.ToLower(cookie), want) {
			t.Errorf("cookie %q lacks %q", cookie, want)
		}
	}
	if strings.Contains(strings.ToLower(cookie), "secure") {
		t.Errorf("cookie %q is Secure over plain HTTP, where browsers would drop it", cookie)
	}
	token := strings.TrimPrefix(strings.Split(cookie, ";")[0], "session=")
	if len(token) < 43 { // 256 bits, base64
		t.Errorf("session token %q is shorter than 256 bits", token)
	}
}

func TestEverySignInOpensANewSession(t *testing.T) {
	e := servertest.Start(t)
	a, b := e.Client(), e.Client()
	a.Login(e.Email, e.Password)
	b.Login(e.Email, e.Password)
	ca, cb := sessionCookie(t, e, a), sessionCookie(t, e, b)
	if ca == cb {
		t.Fatal("two sign-ins share a session id")
	}
	// Signing in again in the same browser replaces its session.
	a.Login(e.Email, e.Password)
	if again := sessionCookie(t, e, a); again == ca {
		t.Fatal("the session id was not rotated at sign-in")
	}
	if n := e.Count("sessions"); n != 2 {
		t.Errorf("%d sessions in the store; want 2 (the replaced one ended)", n)
	}
}

func sessionCookie(t *testing.T, e *servertest.Env, c *servertest.Client) string {
	req, _ := http.NewRequest("GET", e.URL, nil)
	for _, ck := range c.HTTP.Jar.Cookies(req.URL) {
		if ck.Name == "session" {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

func TestChangesNeedTheCSRFToken(t *testing.T) {
	e := servertest.Start(t)
	c := e.SignedIn()
	for _, s := range []servertest.Scenario{
		{Name: "no token", Client: c, NoCSRF: true, Method: "POST", Path: "/api/v1/auth/logout", WantStatus: 403, WantCode: "csrf"},
		{Name: "wrong token", Client: c, NoCSRF: true, Method: "POST", Path: "/api/v1/auth/logout",
			Headers: []string{"X-CSRF-Token", "forged"}, WantStatus: 403, WantCode: "csrf"},
		{Name: "reads need none", Client: c, NoCSRF: true, Method: "GET", Path: "/api/v1/me", WantStatus: 200},
	} {
		t.Run(s.Name, func(t *testing.T) { s.Run(t, e) })
	}
	// The refused logouts changed nothing: the session still works.
	c.Do("GET", "/api/v1/me", nil).Want(200)
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := servertest.Start(t)
	c := e.SignedIn()
	old := sessionCookie(t, e, c)
	c.Do("POST", "/api/v1/auth/logout", nil).Want(204)
	if n := e.Count("sessions"); n != 0 {
		t.Fatalf("%d sessions left in the store after logout", n)
	}
	// Replaying the old cookie by hand: refused.
	replay := e.Client()
	req, _ := http.NewRequest("GET", e.URL, nil)
	replay.HTTP.Jar.SetCookies(req.URL, []*http.Cookie{{Name: "session", Value: old}})
	if res := replay.Do("GET", "/api/v1/me", nil).Want(401); res.ErrorCode() != "unauthenticated" {
		t.Errorf("code %q", res.ErrorCode())
	}
}

func TestMe(t *testing.T) {
	e := servertest.Start(t)
	c := e.Client()
	login := c.Login(e.Email, e.Password)
	var me api.Me
	c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&me)
	if me.User.Email != e.Email || me.User.Name == "" || me.User.LastLoginAt == nil {
		t.Errorf("user %+v", me.User)
	}
	if me.CSRFToken != login.CSRFToken {
		t.Errorf("csrf token %q, login gave %q", me.CSRFToken, login.CSRFToken)
	}
	if me.Role == nil || me.Role.ID != "super_admin" || !me.Role.SuperAdmin {
		t.Errorf("role %+v", me.Role)
	}
	if me.Account.Name == "" || me.Account.Plan != "professional" || me.Account.Seats != (api.Seats{Used: 1, Limit: 5}) {
		t.Errorf("account %+v", me.Account)
	}
	for _, p := range []string{"users.manage", "roles.edit", "billing.manage", "contacts.view"} {
		if !contains(me.Permissions, p) {
			t.Errorf("super admin lacks %s: %v", p, me.Permissions)
		}
	}
	e.Client().Do("GET", "/api/v1/me", nil).Want(401)
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
