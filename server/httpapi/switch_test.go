package httpapi_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// otherAccount creates an account with its owner signed in.
func otherAccount(t *testing.T, e *servertest.Env, name, ownerEmail string) (*servertest.Client, string) {
	t.Helper()
	a, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{Name: name, OwnerName: "Owner of " + name, Email: ownerEmail, Password: "owner-password-1234"})
	if err != nil {
		t.Fatal(err)
	}
	c := e.Client()
	c.Login(ownerEmail, "owner-password-1234")
	return c, a.ID
}

// joins has an account's admin invite the signed-in person c (whose email
// this is), and c take the invitation, as "Add a Clinic to Your User
// Profile": c then acts in that account, as the returned user.
func joins(t *testing.T, admin, c *servertest.Client, email, name, roleID string) api.User {
	t.Helper()
	var u api.User
	admin.Do("POST", "/api/v1/users", api.CreateUser{Name: name, Email: email, RoleID: roleID}).Want(201).JSON(&u)
	var res api.LoginResponse
	c.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: mailToken(t, admin, email, "/invite?token=")}).Want(200).JSON(&res)
	c.CSRF = res.CSRFToken
	return u
}

func choices(t *testing.T, c *servertest.Client) []api.AccountChoice {
	t.Helper()
	var out api.AccountChoices
	c.Do("GET", "/api/v1/me/accounts", nil).Want(200).JSON(&out)
	return out.Items
}

// A practitioner who works at two clinics signs in once and switches
// between them; a clinic whose invitation they have not taken, or where
// they are disabled, is never named, and ids of the other clinic stay 404.
func TestSignInOnceAndSwitch(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	north := e.SignedIn()
	northID := me(t, north).Account.ID
	south, southID := otherAccount(t, e, "Southside Clinic", "owner@south.example")
	west, _ := otherAccount(t, e, "Westside Clinic", "owner@west.example")
	east, _ := otherAccount(t, e, "Eastside Clinic", "owner@east.example")
	const email, pw = "sam@clinics.example", "sam-shared-password-1"
	var inNorth api.User
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam North", Email: email, RoleID: "staff", Password: pw}).Want(201).JSON(&inNorth)
	joining := e.Client()
	joining.Login(email, pw)
	inSouth := joins(t, south, joining, email, "Sam South", "admin")
	inEast := joins(t, east, joining, email, "Sam East", "staff")
	east.Do("POST", "/api/v1/users/"+inEast.ID+"/disable", nil).Want(200)
	// Westside invites Sam, who has not taken it.
	west.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam West", Email: email, RoleID: "staff"}).Want(201)

	sam := e.Client()
	res := sam.Login(email, pw)
	if len(res.Accounts) != 2 || !res.Accounts[0].Current {
		t.Fatalf("the sign-in offers %+v; want two accounts, the one signed in to first", res.Accounts)
	}
	first := res.Accounts[0].ID
	second := res.Accounts[1].ID

	t.Run("the accounts are those the credentials open, named in their own words", func(t *testing.T) {
		got := choices(t, sam)
		if len(got) != 2 || got[0].ID != first || !got[0].Current || got[1].ID != second || got[1].Current {
			t.Fatalf("GET /me/accounts: %+v", got)
		}
		for _, c := range got {
			if c.ID != northID && c.ID != southID {
				t.Errorf("an account whose invitation is not taken, or where Sam is disabled, is named: %+v", c)
			}
			if c.ID == southID && (c.Name != "Southside Clinic" || c.RoleName != "Admin") {
				t.Errorf("Southside as listed: %+v", c)
			}
		}
	})

	t.Run("switching opens the other account without signing in again", func(t *testing.T) {
		before := sam.CSRF
		sam.Switch(second, nil).Want(200)
		if got := me(t, sam).Account.ID; got != second {
			t.Fatalf("after switching, acting in %s; want %s", got, second)
		}
		if sam.CSRF == "" || sam.CSRF == before {
			t.Error("the new session has no CSRF token of its own")
		}
		// The previous session ended: one browser, one session.
		old, err := e.Server.Store.Sessions.OfUser(t.Context(), map[string]string{northID: inNorth.ID, southID: inSouth.ID}[first])
		if err != nil || len(old) != 0 {
			t.Errorf("%d sessions left in the account switched from (%v)", len(old), err)
		}
		// And back.
		sam.Switch(first, nil).Want(200)
		if got := me(t, sam).Account.ID; got != first {
			t.Errorf("after switching back, acting in %s", got)
		}
	})

	t.Run("every call acts in the active account only", func(t *testing.T) {
		clock.Advance(time.Second)
		if me(t, sam).Account.ID != southID {
			sam.Switch(southID, nil).Want(200)
		}
		// Sam is an admin in Southside and staff in Northside.
		sam.Do("GET", "/api/v1/users/"+inNorth.ID, nil).Want(404)
		sam.Do("GET", "/api/v1/users/"+inSouth.ID, nil).Want(200)
	})

	t.Run("accounts out of reach answer 404 and are never named", func(t *testing.T) {
		for _, id := range []string{"no-such-account", me(t, west).Account.ID, me(t, east).Account.ID} {
			if res := sam.Switch(id, nil); res.Status != 404 {
				t.Errorf("switching to %s: %d", id, res.Status)
			}
		}
	})

	t.Run("the account used last opens at the next sign-in", func(t *testing.T) {
		clock.Advance(time.Minute)
		r := e.Client().Login(email, pw)
		if len(r.Accounts) != 2 || r.Accounts[0].ID != southID {
			t.Errorf("the next sign-in opens %+v; want Southside, used last", r.Accounts)
		}
	})

	t.Run("a membership that goes away goes from the list and cannot be switched to", func(t *testing.T) {
		north.Do("POST", "/api/v1/users/"+inNorth.ID+"/disable", nil).Want(200)
		if got := choices(t, sam); len(got) != 1 || got[0].ID != southID {
			t.Errorf("after Northside disabled Sam: %+v", got)
		}
		sam.Switch(northID, nil).Want(404)
	})
}

// A person has one second factor, asked for once per sign-in, wherever
// they sign in: turned on in Southside, it shows in Northside too; a
// session that began before it was on asks for a code to switch (a wrong
// one is refused), and a sign-in that took it switches without one.
func TestOneSecondFactorForEveryAccount(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	north := e.SignedIn()
	northID := me(t, north).Account.ID
	south, southID := otherAccount(t, e, "Southside Clinic", "owner@south.example")
	const email, pw = "sam@clinics.example", "sam-shared-password-1"
	var inNorth api.User
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: pw}).Want(201).JSON(&inNorth)
	// Sam joins Southside and turns 2FA on there.
	sam := e.Client()
	sam.Login(email, pw)
	joins(t, south, sam, email, "Sam", "staff")
	if me(t, sam).Account.ID != southID {
		t.Fatal("not in Southside after joining it")
	}
	secret, _ := enrol(t, sam, clock)

	t.Run("on in every account", func(t *testing.T) {
		var u api.User
		north.Do("GET", "/api/v1/users/"+inNorth.ID, nil).Want(200).JSON(&u)
		if !u.TOTPEnabled {
			t.Errorf("Northside shows Sam's second factor off: %+v", u)
		}
	})
	t.Run("a session from before asks for it to switch", func(t *testing.T) {
		wantCode(t, sam.Switch(northID, nil), 401, "totp_required")
		wantCode(t, sam.Switch(northID, api.SwitchAccount{Code: "000000"}), 401, "totp_required")
		clock.Advance(time.Minute)
		code, _ := totp.GenerateCode(secret, clock.Now())
		sam.Switch(northID, api.SwitchAccount{Code: code}).Want(200)
		sam.Switch(southID, nil).Want(200)
	})
	t.Run("a sign-in takes it once, for every account", func(t *testing.T) {
		clock.Advance(time.Minute)
		again := e.Client()
		res := again.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: pw})
		wantCode(t, res, 401, "totp_required")
		code, _ := totp.GenerateCode(secret, clock.Now())
		var in api.LoginResponse
		again.Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: pw, Code: code}).Want(200).JSON(&in)
		again.CSRF = in.CSRFToken
		other := northID
		if me(t, again).Account.ID == northID {
			other = southID
		}
		again.Switch(other, nil).Want(200)
	})
	t.Run("turned off, off everywhere", func(t *testing.T) {
		clock.Advance(time.Minute)
		code, _ := totp.GenerateCode(secret, clock.Now())
		sam.Do("DELETE", "/api/v1/me/totp", api.DisableTOTP{Password: pw, Code: code}).Want(204)
		var u api.User
		north.Do("GET", "/api/v1/users/"+inNorth.ID, nil).Want(200).JSON(&u)
		if u.TOTPEnabled {
			t.Error("Northside still shows Sam's second factor on")
		}
		e.Client().Login(email, pw)
	})
}

// No account's admin chooses the password of someone in another account
// too: not by creating them with one, not through the invitation link
// their outbox shows, not through a reset link (which stays out of their
// outbox). A password an admin set while the person was theirs alone
// opens the other account only once the person, signed in with it, took
// that account's invitation.
func TestNoAdminChoosesThePasswordOfSomeoneElsewhere(t *testing.T) {
	e := servertest.Start(t)
	north := e.SignedIn()
	south, southID := otherAccount(t, e, "Southside Clinic", "owner@south.example")
	const email, pw = "sam@clinics.example", "sam-shared-password-1"
	var inNorth api.User
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: pw}).Want(201).JSON(&inNorth)
	// Set while Sam is in Northside alone.
	const chosen = "northside-admin-chose-this-1"
	north.Do("POST", "/api/v1/users/"+inNorth.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: chosen}).Want(204)

	t.Run("created with a password elsewhere: refused", func(t *testing.T) {
		res := south.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: "southside-chose-this-2"})
		wantCode(t, res, 409, "invalid_state")
		if !strings.Contains(string(res.Body), "invite them instead") {
			t.Errorf("the refusal reads %s", res.Body)
		}
	})
	var invited api.User
	south.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff"}).Want(201).JSON(&invited)
	token := mailToken(t, south, email, "/invite?token=")
	t.Run("the invitation link from the outbox sets no password", func(t *testing.T) {
		res := e.Client().Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Sam", Password: "southside-chose-this-3"})
		wantCode(t, res, 409, "invalid_state")
		e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: email, Password: "southside-chose-this-3"}).Want(401)
	})
	admin := e.Client()
	if res := admin.Login(email, chosen); len(res.Accounts) > 1 {
		t.Fatalf("before Sam took Southside's invitation, the password opens %+v", res.Accounts)
	}
	admin.Switch(southID, nil).Want(404)
	admin.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: token}).Want(200)
	t.Run("a reset link stays out of the outbox", func(t *testing.T) {
		south.Do("POST", "/api/v1/users/"+invited.ID+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
		private, err := e.Server.Store.Mail.Recent(t.Context(), "", 10)
		if err != nil || len(private) != 1 || private[0].To != email || !strings.Contains(private[0].Text, "/reset?token=") {
			t.Fatalf("the reset link is not kept apart from every account's outbox: %+v (%v)", private, err)
		}
		var box api.MailList
		south.Do("GET", "/api/v1/mail", nil).Want(200).JSON(&box)
		for _, m := range box.Items {
			if strings.Contains(m.Text, "/reset?token=") {
				t.Errorf("Southside's outbox shows a reset link of a person in Northside too: %s", m.Subject)
			}
		}
	})
	if res := e.Client().Login(email, chosen); len(res.Accounts) != 2 {
		t.Errorf("after joining, the one password opens %+v; want both", res.Accounts)
	}
}

// "Add a Clinic to Your User Profile": an invitation to someone who
// already signs in elsewhere is taken while signed in, with no second
// password; the person then acts in the new clinic and keeps the first in
// reach. Someone signed in with another email cannot take it, and the
// link works once.
func TestAcceptAnInvitationWhileSignedIn(t *testing.T) {
	e := servertest.Start(t)
	north := e.SignedIn()
	northID := me(t, north).Account.ID
	south, southID := otherAccount(t, e, "Southside Clinic", "owner@south.example")
	const email, pw = "sam@clinics.example", "sam-own-password-1"
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam", Email: email, RoleID: "staff", Password: pw}).Want(201)
	sam := e.Client()
	sam.Login(email, pw)

	var invited api.User
	south.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam Southside", Email: email, RoleID: "admin"}).Want(201).JSON(&invited)
	token := mailToken(t, south, email, "/invite?token=")

	stranger, _ := e.WithRole("staff", "stranger@clinics.example")
	wantCode(t, stranger.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: token}), 409, "invalid_state")

	var res api.LoginResponse
	sam.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: token}).Want(200).JSON(&res)
	sam.CSRF = res.CSRFToken
	if got := me(t, sam); got.Account.ID != southID || got.User.ID != invited.ID || got.User.Status != "active" {
		t.Fatalf("after joining: acting as %+v in %s", got.User, got.Account.ID)
	}
	if got := choices(t, sam); len(got) != 2 || got[1].ID != northID && got[0].ID != northID {
		t.Errorf("the clinic Sam came from is not in reach: %+v", got)
	}
	sam.Switch(northID, nil).Want(200)
	wantCode(t, sam.Do("POST", "/api/v1/me/invites/accept", api.JoinInvite{Token: token}), 400, "invalid_input")
	// Sam's one password opens both clinics from now on.
	if r := e.Client().Login(email, pw); len(r.Accounts) != 2 {
		t.Errorf("Sam's password opens %+v; want both clinics", r.Accounts)
	}
}

// Credentials are the person's: an admin sets the password of, and resets
// the second factor of, someone of their account alone; once that person
// belongs to another account too, the admin sends a reset link, ends their
// sessions here or disables them, but chooses nothing for them.
func TestCredentialsOfSomeoneInTwoAccountsAreTheirs(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	north := e.SignedIn()
	const email, pw = "sam@clinics.example", "sam-own-password-1"
	var sam api.User
	north.Do("POST", "/api/v1/users", api.CreateUser{Name: "Sam Porter", Email: email, RoleID: "staff", Password: pw}).Want(201).JSON(&sam)
	samC := e.Client()
	samC.Login(email, pw)
	enrol(t, samC, clock)

	t.Run("in one account, the admin sets and resets", func(t *testing.T) {
		north.Do("POST", "/api/v1/users/"+sam.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: "northside-chose-this-1"}).Want(204)
		north.Do("POST", "/api/v1/users/"+sam.ID+"/reset-2fa", nil).Want(204)
	})

	south, _ := otherAccount(t, e, "Southside Clinic", "owner@south.example")
	samC = e.Client()
	samC.Login(email, "northside-chose-this-1")
	joins(t, south, samC, email, "Sam", "staff")
	clock.Advance(time.Minute)
	enrol(t, samC, clock)

	t.Run("in two accounts, the admin chooses nothing for them", func(t *testing.T) {
		res := north.Do("POST", "/api/v1/users/"+sam.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: "northside-chose-again-2"})
		wantCode(t, res, 409, "invalid_state")
		if !strings.Contains(string(res.Body), "Sam Porter signs in to other accounts too") {
			t.Errorf("the refusal reads %s", res.Body)
		}
		wantCode(t, north.Do("POST", "/api/v1/users/"+sam.ID+"/reset-2fa", nil), 409, "invalid_state")
		north.Do("POST", "/api/v1/users/"+sam.ID+"/reset-password", api.ResetPassword{Mode: "email"}).Want(202)
		north.Do("DELETE", "/api/v1/users/"+sam.ID+"/sessions", nil).Want(204)
		north.Do("POST", "/api/v1/users/"+sam.ID+"/disable", nil).Want(200)
	})

	t.Run("someone without the permission learns nothing of it", func(t *testing.T) {
		staff, _ := e.WithRole("staff", "staff@clinics.example")
		wantCode(t, staff.Do("POST", "/api/v1/users/"+sam.ID+"/reset-password", api.ResetPassword{Mode: "set", Password: "staff-chose-this-3"}), 403, "forbidden")
	})
}
