package auth

import (
	"strings"
	"testing"
)

// A device cookie is known only for the email it was given to, and only
// as the server signed it.
func TestKnownDevice(t *testing.T) {
	s := &Service{cfg: Config{DeviceKey: []byte("0123456789abcdef0123456789abcdef")}}
	other := &Service{cfg: Config{DeviceKey: []byte("another key, of thirty-two bytes")}}
	cookie := s.newDevice("ana@example.com")
	id, _, _ := strings.Cut(cookie, ".")
	for _, c := range []struct {
		name, email, cookie string
		known               bool
	}{
		{"its email", "ana@example.com", cookie, true},
		{"another email", "bob@example.com", cookie, false},
		{"no cookie", "ana@example.com", "", false},
		{"altered", "ana@example.com", cookie + "A", false},
		{"made up", "ana@example.com", id + "." + id, false},
		{"signed by another key", "ana@example.com", other.newDevice("ana@example.com"), false},
	} {
		if _, known := s.knownDevice(c.email, c.cookie); known != c.known {
			t.Errorf("%s: known %v", c.name, known)
		}
	}
}
