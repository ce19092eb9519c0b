package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/server/store"
)

const signIns = 100

// signInWrites signs the owner in and out signIns times on a console of
// its own, and compares the account document before and after, read from
// the store with no server on it: a sign-in and a sign-out write no
// account revision, so neither its bytes nor its revision move.
func signInWrites(bin, web string) ([]row, error) {
	dir, err := os.MkdirTemp("", "signin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// The first start makes the demo account; its owner's first sign-in
	// is done before the account is measured.
	if _, err := signInCycles(bin, web, dir, 1); err != nil {
		return nil, err
	}
	size, rev, err := accountSize(dir)
	if err != nil {
		return nil, err
	}
	took, err := signInCycles(bin, web, dir, signIns)
	if err != nil {
		return nil, err
	}
	afterSize, afterRev, err := accountSize(dir)
	if err != nil {
		return nil, err
	}
	slices.Sort(took)
	return []row{{fmt.Sprintf("sign-in without account write, %d sign-ins and sign-outs", signIns),
		fmt.Sprintf("account %d -> %d bytes, revision %d -> %d; sign-in p50 %v (a password check)", size, afterSize, rev, afterRev, took[len(took)/2].Round(time.Millisecond)),
		"account bytes and revision unchanged", afterSize == size && afterRev == rev}}, nil
}

// signInCycles starts the console on dir, signs the owner in and out n
// times, and stops it; it returns how long each sign-in took.
func signInCycles(bin, web, dir string, n int) ([]time.Duration, error) {
	srv, err := loadgen.StartIn(bin, web, dir)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	took := make([]time.Duration, n)
	for i := range n {
		t0 := time.Now()
		s, err := loadgen.SignIn(srv.Base)
		if err != nil {
			return nil, err
		}
		took[i] = time.Since(t0)
		if status, err := s.Send("POST", "/api/v1/auth/logout", nil, nil); err != nil || status != 204 {
			return nil, fmt.Errorf("sign-out: %d %v", status, err)
		}
	}
	return took, nil
}

// accountSize reads the only account's document: its BSON's bytes and its
// revision.
func accountSize(dir string) (size int, rev int64, err error) {
	err = withStore(dir, func(ctx context.Context, st *store.Store) error {
		raw, err := st.Database().Collection("accounts").FindOne(ctx, bson.D{}).Raw()
		if err != nil {
			return err
		}
		size, rev = len(raw), raw.Lookup("revision").AsInt64()
		return nil
	})
	return size, rev, err
}
