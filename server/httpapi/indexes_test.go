package httpapi_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// query is one shape of query the server sent: a collection, and the
// fields its filter and sort name.
type query struct {
	collection, command string
	filter, sort        []string
	// raw is one filter of this shape, to explain.
	raw bson.Raw
}

func (q query) String() string {
	return fmt.Sprintf("%s %s filter %v sort %v", q.command, q.collection, q.filter, q.sort)
}

// scans are the queries the embedded store answers by reading a whole
// collection (FerretDB 1.24 on SQLite looks up nothing but _id from an
// index), each over a collection that stays small, and each served by an
// index on MongoDB (checked below).
var scans = map[string]string{
	"tokens user_id":      "pending invitation and reset links only; swept when they expire",
	"tokens kind,user_id": "the same",
	"mail account_id":     "the outbox a super admin reads when no mail server is set",
	"sessions user_id":    "a user's sessions, listed on their sessions page and when they are signed out everywhere, never to check a request; live sessions only, swept at their deadlines",
}

// Every query the API runs is served by an index: on the embedded store,
// asked with explain (SQLite's plan says SEARCH ... USING INDEX), or it is
// one of the few named scans above, which a MongoDB index serves. The
// queries are caught as the driver sends them, while the API does the
// work of its pages: every read route with real ids, and the writes.
func TestEveryQueryIsServedByAnIndex(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]query{}
	monitor := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		for _, q := range queries(e.CommandName, e.Command) {
			mu.Lock()
			seen[q.String()] = q
			mu.Unlock()
		}
	}}
	e := servertest.Start(t, func(c *server.Config) { c.Store.Monitor = monitor })
	samStaff := "Sam Staff"
	owner := e.SignedIn()
	staff, staffID := e.WithRole("staff", "staff@index.example")
	var invited api.User
	owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Ines", Email: "ines@index.example", RoleID: "staff"}).Want(201).JSON(&invited)
	owner.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(true)).Want(200)
	var page api.AuditPage
	owner.Do("GET", "/api/v1/audit?limit=1", nil).Want(200).JSON(&page)
	owner.Do("POST", "/api/v1/audit/"+page.Items[0].ID+"/revert", nil).Want(200)
	owner.Do("GET", "/api/v1/audit?limit=1&cursor="+page.Items[0].ID, nil).Want(200)
	owner.Do("PATCH", "/api/v1/users/"+staffID, api.PatchUser{Name: &samStaff}).Want(200)
	owner.Do("POST", "/api/v1/users/"+staffID+"/disable", nil).Want(200)
	owner.Do("POST", "/api/v1/users/"+staffID+"/enable", nil).Want(200)
	owner.Do("POST", "/api/v1/users/"+staffID+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
	owner.Do("POST", "/api/v1/users/"+invited.ID+"/invite", nil).Want(202)
	owner.Do("DELETE", "/api/v1/users/"+staffID+"/sessions", nil).Want(204)
	owner.Do("DELETE", "/api/v1/users/"+invited.ID, nil).Want(204)
	owner.Do("DELETE", "/api/v1/users/"+invited.ID+"?purge=true", nil).Want(204)
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: "staff@index.example", Password: "wrong-password"}).Want(401)
	e.Client().Do("POST", "/api/v1/auth/password/forgot", api.ForgotPassword{Email: e.Email}).Want(202)
	for _, rt := range e.Server.API.Routes() {
		if rt.Method != "GET" {
			continue
		}
		path := strings.NewReplacer(":permission", "contacts.view", "/roles/:id", "/roles/staff", ":id", staffID).Replace(rt.Path)
		if res := owner.Do("GET", "/api/v1"+path+"?permission=users.view", nil); res.Status >= 500 {
			t.Errorf("GET %s: %d %s", path, res.Status, res.Body)
		}
	}
	staff.Do("GET", "/api/v1/me", nil)
	owner.Do("POST", "/api/v1/me/password", api.ChangePassword{CurrentPassword: e.Password, NewPassword: "a-new-long-password-7"}).Want(204)
	owner.Do("POST", "/api/v1/auth/logout", nil).Want(204)

	db := e.Server.Store.Database()
	indexes := map[string][][]string{}
	mu.Lock()
	defer mu.Unlock()
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		q := seen[n]
		if slices.Equal(q.filter, []string{"_id"}) && len(q.sort) == 0 {
			plan := explain(t, e, q)
			if !strings.Contains(plan, "USING INDEX") {
				t.Errorf("%s: the embedded store scans (plan %s)", q, plan)
			}
			t.Logf("%s: by _id, from the index", q)
			continue
		}
		if len(q.filter) == 0 && len(q.sort) == 0 {
			continue // one document of any kind: the first row read
		}
		key := q.collection + " " + strings.Join(q.filter, ",")
		if _, ok := scans[key]; !ok {
			t.Errorf("%s: scans the embedded store, and is not one of the named scans", q)
			continue
		}
		if _, ok := indexes[q.collection]; !ok {
			indexes[q.collection] = listIndexes(t, db.Collection(q.collection))
		}
		if !covered(q, indexes[q.collection]) {
			t.Errorf("%s: no index serves it on MongoDB (indexes %v)", q, indexes[q.collection])
		}
		t.Logf("%s: a scan on the embedded store (%s); an index on MongoDB", q, scans[key])
	}
	if len(names) < 20 {
		t.Fatalf("only %d query shapes seen: %v", len(names), names)
	}
}

// queries reads the filters (and sort) out of a command.
func queries(name string, cmd bson.Raw) []query {
	coll, _ := cmd.Lookup(name).StringValueOK()
	one := func(filter, sortDoc bson.Raw) query {
		q := query{collection: coll, command: name, raw: filter}
		q.filter = keys(filter)
		q.sort = keys(sortDoc)
		return q
	}
	switch name {
	case "find":
		f, _ := cmd.Lookup("filter").DocumentOK()
		s, _ := cmd.Lookup("sort").DocumentOK()
		return []query{one(f, s)}
	case "update", "delete":
		field, inner := "updates", "q"
		if name == "delete" {
			field = "deletes"
		}
		arr, _ := cmd.Lookup(field).ArrayOK()
		vals, _ := arr.Values()
		var out []query
		for _, v := range vals {
			d, _ := v.DocumentOK()
			f, _ := d.Lookup(inner).DocumentOK()
			out = append(out, one(f, nil))
		}
		return out
	case "aggregate":
		// CountDocuments: [{$match: filter}, {$group: ...}].
		arr, _ := cmd.Lookup("pipeline").ArrayOK()
		vals, _ := arr.Values()
		if len(vals) > 0 {
			st, _ := vals[0].DocumentOK()
			if f, ok := st.Lookup("$match").DocumentOK(); ok {
				return []query{one(f, nil)}
			}
		}
	}
	return nil
}

// keys lists a document's top-level fields, and those of the documents of
// $or, sorted.
func keys(d bson.Raw) []string {
	els, _ := d.Elements()
	var out []string
	for _, el := range els {
		if el.Key() == "$or" {
			arr, _ := el.Value().ArrayOK()
			vals, _ := arr.Values()
			for _, v := range vals {
				sub, _ := v.DocumentOK()
				out = append(out, keys(sub)...)
			}
			continue
		}
		out = append(out, el.Key())
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// explain asks the embedded store how it would find what the filter names.
func explain(t *testing.T, e *servertest.Env, q query) string {
	var res bson.M
	cmd := bson.D{{Key: "explain", Value: bson.D{{Key: "find", Value: q.collection}, {Key: "filter", Value: q.raw}}}}
	if err := e.Server.Store.Database().RunCommand(t.Context(), cmd).Decode(&res); err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	return fmt.Sprint(res["queryPlanner"])
}

// listIndexes lists the fields of each index of the collection, in order.
func listIndexes(t *testing.T, c *mongo.Collection) [][]string {
	cur, err := c.Indexes().List(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var specs []struct {
		Key bson.D `bson:"key"`
	}
	if err := cur.All(t.Context(), &specs); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, s := range specs {
		var fields []string
		for _, k := range s.Key {
			fields = append(fields, k.Key)
		}
		out = append(out, fields)
	}
	return out
}

// covered reports whether an index narrows the query on MongoDB: its
// leading field is one the filter names (the rest of the filter is then
// checked on the few documents the index finds).
func covered(q query, indexes [][]string) bool {
	for _, ix := range indexes {
		if len(ix) > 0 && ix[0] != "_id" && slices.Contains(q.filter, ix[0]) {
			return true
		}
	}
	return false
}
