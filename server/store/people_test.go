package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/store"
)

// A person's password is set by whoever makes them, or by a membership
// added while they have none or belong nowhere else; never by a
// membership another account adds to someone who has one.
func TestAPersonsPasswordIsTheirs(t *testing.T) {
	st := open(t)
	ctx := t.Context()
	now := time.Now().UTC()
	cases := []struct {
		name  string
		users []store.User
		want  string
	}{
		{"made with a password", []store.User{{ID: "u1", AccountID: "a1", PasswordHash: "first"}}, "first"},
		{"added elsewhere with another: theirs stays", []store.User{{ID: "u1", AccountID: "a1", PasswordHash: "first"}, {ID: "u2", AccountID: "a2", PasswordHash: "second"}}, "first"},
		{"invited first, then a password", []store.User{{ID: "u1", AccountID: "a1"}, {ID: "u2", AccountID: "a2", PasswordHash: "second"}}, "second"},
		{"added again where they were alone", []store.User{{ID: "u1", AccountID: "a1", PasswordHash: "first"}, {ID: "u2", AccountID: "a1", PasswordHash: "second"}}, "second"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			email := fmt.Sprintf("p%d@people.example", i)
			for _, u := range c.users {
				u.ID, u.Email, u.CreatedAt = fmt.Sprintf("%s-%d", u.ID, i), email, now
				if u.ID == fmt.Sprintf("u2-%d", i) && c.users[0].AccountID == u.AccountID {
					// The first login of that account went: a re-add.
					if err := st.Users.Delete(ctx, fmt.Sprintf("u1-%d", i)); err != nil {
						t.Fatal(err)
					}
				}
				if err := st.Users.Insert(ctx, &u); err != nil {
					t.Fatal(err)
				}
			}
			p, err := st.People.Get(ctx, email)
			if err != nil || p.PasswordHash != c.want {
				t.Fatalf("password %q (%v); want %q", p.PasswordHash, err, c.want)
			}
		})
	}
}

// Fifty logins of one new person made at once (the same email invited to
// fifty accounts at the same moment, on two servers): one person, with
// the fifty memberships, and a login removed leaves the others.
func TestFiftyMembershipsAtOnce(t *testing.T) {
	st := open(t)
	stores := []*store.Store{st, secondServer(t, st)}
	ctx := t.Context()
	for round := range 3 {
		email := fmt.Sprintf("burst%d@people.example", round)
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for i := range 50 {
			wg.Go(func() {
				u := &store.User{ID: fmt.Sprintf("b%d-%d", round, i), AccountID: fmt.Sprintf("acct-%d", i), Email: email, CreatedAt: time.Now().UTC()}
				errs <- stores[i%2].Users.Insert(ctx, u)
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Users.Delete(ctx, fmt.Sprintf("b%d-7", round)); err != nil {
			t.Fatal(err)
		}
		p, err := st.People.Get(ctx, email)
		if err != nil || len(p.Memberships) != 49 || p.Memberships[fmt.Sprintf("b%d-8", round)] != "acct-8" {
			t.Fatalf("round %d: %d memberships (%v); want 49", round, len(p.Memberships), err)
		}
		if _, gone := p.Memberships[fmt.Sprintf("b%d-7", round)]; gone {
			t.Errorf("round %d: the removed login is still a membership", round)
		}
	}
}

// The account used last comes first, then the others by account id.
func TestPersonOrder(t *testing.T) {
	p := store.Person{Memberships: map[string]string{"u1": "c", "u2": "a", "u3": "b"}, LastAccount: "b"}
	got := fmt.Sprint(p.Order())
	if want := "[{b u3} {a u2} {c u1}]"; got != want {
		t.Errorf("order %s; want %s", got, want)
	}
}
