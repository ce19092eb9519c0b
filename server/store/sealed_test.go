package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
)

// The embedded store's files are its owner's alone, and the server inside
// listens on no port: this process reaches it on a Unix socket of mode
// 0600 in a private folder.
func TestEmbeddedStoreIsSealed(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(context.Background(), store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	a := &tenant.Account{ID: "acct", Name: "A", Plan: "starter", Members: map[string]tenant.Member{}, Revision: 1, CreatedAt: time.Now()}
	if err := st.Accounts.Insert(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(data, "store", "*"))
	if len(files) == 0 {
		t.Fatal("no store files")
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", filepath.Base(f), fi.Mode().Perm(), err)
		}
	}
	uri := st.Embedded().URI()
	if !strings.Contains(uri, "%2F") || strings.Contains(uri, "127.0.0.1") {
		t.Fatalf("this process reaches the store at %s, not on a Unix socket", uri)
	}
	sock := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/"), "%2F", "/")
	if fi, err := os.Stat(sock); err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("socket %s: %v, %v; want a socket of mode 0600", sock, fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Dir(sock)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket folder: %v, %v; want 0700", fi.Mode().Perm(), err)
	}
}

// Another process reaches the embedded store only with the credentials in
// its data folder: without them, plain or over TLS, it is refused.
func TestEmbeddedStoreDoorNeedsCredentials(t *testing.T) {
	st, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	addr := st.Embedded().Addr()
	for _, uri := range []string{
		"mongodb://" + addr + "/",
		"mongodb://" + addr + "/?tls=true&tlsInsecure=true",
	} {
		other, err := store.Open(context.Background(), store.Config{URI: uri, Timeout: 2 * time.Second})
		if err == nil {
			other.Close(context.Background())
			t.Errorf("%s reached the store without credentials", uri)
		}
	}
	other, err := store.Open(context.Background(), store.Config{URI: st.Embedded().OutsideURI(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("with the credentials: %v", err)
	}
	other.Close(context.Background())
}
