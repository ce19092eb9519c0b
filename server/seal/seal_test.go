package seal

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpen(t *testing.T) {
	key := bytes.Repeat([]byte{7}, KeySize)
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := b.Seal([]byte("JBSWY3DPEHPK3PXP")), b.Seal([]byte("JBSWY3DPEHPK3PXP"))
	if s1 == s2 {
		t.Error("two seals of one secret are equal: the nonce is not random")
	}
	if got, err := b.Open(s1); err != nil || string(got) != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	other, _ := New(bytes.Repeat([]byte{8}, KeySize))
	if _, err := other.Open(s1); err != ErrOpen {
		t.Errorf("another key opened it: %v", err)
	}
	tampered := []byte(s1)
	tampered[len(tampered)-3] ^= 1
	if _, err := b.Open(string(tampered)); err != ErrOpen {
		t.Errorf("altered data opened: %v", err)
	}
	if _, err := New([]byte("short")); err == nil {
		t.Error("a short key was accepted")
	}
}

func TestKeyFileIsCreatedPrivateAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "secret.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("the key changed across loads: %v", err)
	}
}

func TestDeriveSeparatesPurposes(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize)
	cases := []struct {
		a, b []byte
		same bool
	}{
		{Derive(k1, "log"), Derive(k1, "log"), true},
		{Derive(k1, "log"), Derive(k1, "other"), false},
		{Derive(k1, "log"), Derive(k2, "log"), false},
		{Derive(k1, "log"), k1, false},
	}
	for i, c := range cases {
		if bytes.Equal(c.a, c.b) != c.same {
			t.Errorf("case %d: equal = %v, want %v", i, !c.same, c.same)
		}
	}
}
