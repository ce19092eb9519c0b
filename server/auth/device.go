package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// A known device is a browser someone signed in from before: its cookie
// holds a random id and an HMAC binding it to their email (OWASP's device
// cookie), so a burst of failures from strangers, which slows the email
// down for everyone else, does not stop its owner signing in from there.

// DeviceKeySize is the length of the key that signs device cookies.
const DeviceKeySize = 32

func (s *Service) deviceMAC(email, id string) string {
	h := hmac.New(sha256.New, s.cfg.DeviceKey)
	h.Write([]byte(email + "\n" + id))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// newDevice is a fresh device cookie for email.
func (s *Service) newDevice(email string) string {
	id := randomToken()
	return id + "." + s.deviceMAC(email, id)
}

// knownDevice returns the id of the device cookie when it was given to
// this email.
func (s *Service) knownDevice(email, cookie string) (string, bool) {
	id, mac, ok := strings.Cut(cookie, ".")
	if !ok || id == "" || !hmac.Equal([]byte(mac), []byte(s.deviceMAC(email, id))) {
		return "", false
	}
	return id, true
}
