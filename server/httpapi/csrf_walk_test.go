package httpapi_test

import (
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// Every change the route table holds (each non-public POST, PUT, PATCH and
// DELETE), sent by a super admin, whom no permission stops, with real ids
// and a body that would do something, but without the session's CSRF token
// or with another session's: refused 403 csrf, and nothing in the store
// changed; the session still works.
func TestEveryChangeNeedsTheCSRFToken(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	target := createUser(t, owner, "Target", "target@csrf.example", "staff", "target-password-1")
	var ours api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Ours"}).Want(201).JSON(&ours)
	entry := auditPage(t, owner, "").Items[0].ID
	// A second session of the owner's, for DELETE /me/sessions/:id, and
	// whose token must not pass for the first session's.
	second := e.SignedIn()
	var sessions api.SessionList
	owner.Do("GET", "/api/v1/me/sessions", nil).Want(200).JSON(&sessions)
	var secondID string
	for _, s := range sessions.Items {
		if !s.Current {
			secondID = s.ID
		}
	}
	if secondID == "" {
		t.Fatalf("no second session in %+v", sessions)
	}

	name, description := "CSRF", "Changed without the token"
	bodies := map[string]any{
		"POST /me/totp/confirm":                  api.TOTPCode{Code: "123456"},
		"POST /me/password":                      api.ChangePassword{CurrentPassword: e.Password, NewPassword: "csrf-password-1234"},
		"POST /roles":                            api.CreateRole{Name: "Forged"},
		"PATCH /roles/:id":                       api.PatchRole{Description: &description},
		"PUT /roles/:id/permissions/:permission": granted(true),
		"PATCH /account":                         api.PatchAccount{Name: &name},
		"POST /users":                            api.CreateUser{Name: "Forged", Email: "forged@csrf.example", RoleID: "admin", Password: "forged-password-1"},
		"PATCH /users/:id":                       api.PatchUser{Name: &name},
		"POST /users/:id/reset-password":         api.ResetPassword{Mode: "set", Password: "forged-password-12"},
	}
	before := snapshot(t, e)
	walked := 0
	for _, rt := range e.Server.API.Routes() {
		if rt.Access.IsPublic() || rt.Method == "GET" {
			continue
		}
		id := target.ID
		switch {
		case strings.HasPrefix(rt.Path, "/roles/"):
			id = ours.ID
		case strings.HasPrefix(rt.Path, "/audit/"):
			id = entry
		case strings.HasPrefix(rt.Path, "/me/sessions/"):
			id = secondID
		}
		path := "/api/v1" + strings.NewReplacer(":id", id, ":permission", "contacts.delete").Replace(rt.Path)
		body, ok := bodies[rt.Method+" "+rt.Path]
		if !ok {
			body = "{}" // what the bodyless changes accept
		}
		for _, token := range []struct{ name, value string }{{"no token", ""}, {"another session's token", second.CSRF}} {
			walked++
			saved := owner.CSRF
			owner.CSRF = token.value
			res := owner.Do(rt.Method, path, body)
			owner.CSRF = saved
			if res.Status != 403 || res.ErrorCode() != api.CodeCSRF {
				t.Errorf("%s %s with %s: %d %s; want 403 csrf", rt.Method, rt.Path, token.name, res.Status, res.Body)
			}
		}
	}
	t.Logf("%d refused requests", walked)
	if walked < 2*20 {
		t.Fatalf("only %d requests walked: the route table lost its changes?", walked)
	}
	for coll, after := range snapshot(t, e) {
		if after != before[coll] {
			t.Errorf("refused changes changed %s:\nbefore %s\nafter  %s", coll, before[coll], after)
		}
	}
	owner.Do("GET", "/api/v1/me", nil).Want(200)
	second.Do("GET", "/api/v1/me", nil).Want(200)
}

// snapshot is what a change could touch: every document of each
// collection a change writes, as stored, and the ids of the sessions (whose
// last-seen times move on every request).
func snapshot(t *testing.T, e *servertest.Env) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, coll := range []string{"accounts", "account_versions", "audit", "tokens", "mail", "onetime", "users", "sessions"} {
		cur, err := e.DB().Collection(coll).Find(t.Context(), bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			t.Fatal(err)
		}
		var docs []bson.Raw
		if err := cur.All(t.Context(), &docs); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, d := range docs {
			if coll == "sessions" {
				b.WriteString(d.Lookup("_id").String() + "\n")
				continue
			}
			b.WriteString(d.String() + "\n")
		}
		out[coll] = b.String()
	}
	return out
}
