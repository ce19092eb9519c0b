package server_test

import (
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
)

// Data outlives the process, and only an empty store gets a demo account.
func TestRestartKeepsDataAndMakesNoSecondDemo(t *testing.T) {
	first := servertest.Start(t)
	if first.Server.Demo == nil {
		t.Fatal("no demo account on an empty store")
	}
	email, dir := first.Email, first.DataDir
	first.Stop()

	second := servertest.Start(t, func(c *server.Config) { c.Store.DataDir = dir })
	if second.Server.Demo != nil {
		t.Fatal("a second start created another demo account")
	}
	second.Client().Login(email, servertest.Password)
	if n := second.Count("accounts"); n != 1 {
		t.Errorf("%d accounts after a restart; want 1", n)
	}
	if n := second.Count("users"); n != 1 {
		t.Errorf("%d users after a restart; want 1", n)
	}
}

func TestBootstrapEmailNamesTheFirstUser(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.BootstrapEmail = "Chief@Example.com" })
	if e.Server.Demo.Email != "Chief@Example.com" || e.Server.Demo.Generated {
		t.Fatalf("demo %+v", e.Server.Demo)
	}
	e.Client().Login("chief@example.com", servertest.Password)
}
