package httpapi_test

import (
	"slices"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// presetEnv starts a server whose demo account comes from the preset, on
// the Enterprise plan so that seats never get in a test's way; the owner
// client holds the preset's top role.
func presetEnv(t *testing.T, key string) (*servertest.Env, *servertest.Client) {
	t.Helper()
	e := servertest.Start(t, func(c *server.Config) { c.Preset = key })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	return e, owner
}

func me(t *testing.T, c *servertest.Client) api.Me {
	t.Helper()
	var m api.Me
	c.Do("GET", "/api/v1/me", nil).Want(200).JSON(&m)
	return m
}

func can(t *testing.T, c *servertest.Client, query string) api.Can {
	t.Helper()
	var out api.Can
	c.Do("GET", "/api/v1/me/can?"+query, nil).Want(200).JSON(&out)
	return out
}

func roleNames(t *testing.T, c *servertest.Client) []string {
	t.Helper()
	var l api.RoleList
	c.Do("GET", "/api/v1/roles", nil).Want(200).JSON(&l)
	var out []string
	for _, r := range l.Items {
		out = append(out, r.Name)
	}
	return out
}

func holds(t *testing.T, c *servertest.Client, perms ...string) {
	t.Helper()
	m := me(t, c)
	for _, p := range perms {
		if !slices.Contains(m.Permissions, p) {
			t.Errorf("%s lacks %s", m.User.Email, p)
		}
	}
}

func lacks(t *testing.T, c *servertest.Client, perms ...string) {
	t.Helper()
	m := me(t, c)
	for _, p := range perms {
		if slices.Contains(m.Permissions, p) {
			t.Errorf("%s holds %s", m.User.Email, p)
		}
	}
}

func wantCode(t *testing.T, res *servertest.Response, status int, code string) {
	t.Helper()
	if res.Status != status || res.ErrorCode() != code {
		t.Errorf("%d %s; want %d %s", res.Status, res.Body, status, code)
	}
}
