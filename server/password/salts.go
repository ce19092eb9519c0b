package password

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Salts gives every password of one email the same salt, whichever account
// it is set in: a sign-in then checks the password against all the
// accounts holding the email with one argon2 run, so its cost does not
// tell how many hold it. The salt is an HMAC of the email under an
// installation key, so it is unique to the email here and cannot be
// known, for precomputed guesses, before the key is. The price: one
// person's equal passwords in two accounts have equal hashes, which only
// someone reading the store sees.
type Salts struct{ key string }

// NewSalts makes the salts of an installation from its key.
func NewSalts(key []byte) Salts { return Salts{key: string(key)} }

// Hash returns a PHC-formatted argon2id hash of pw with email's salt, or
// ErrBusy. email is in its normal form (as stored). The password is
// hashed in NFKC, like Match's, so that one typed on another keyboard or
// system (composed or decomposed accents) still matches.
func (s Salts) Hash(email, pw string) (string, error) {
	return hashWith(norm.NFKC.String(pw), s.of(email), DefaultParams)
}

func (s Salts) of(email string) []byte {
	h := hmac.New(sha256.New, []byte(s.key))
	h.Write([]byte("password salt\n" + email))
	return h.Sum(nil)[:saltLen]
}

// Match reports, hash by hash, whether pw matches it, within the turn: one
// argon2 run for all the hashes that share a salt and cost settings (all
// of one email's, see Salts), one more for each other pair. A malformed
// hash matches nothing.
func (t *Turn) Match(pw string, hashes []string) []bool {
	pw = norm.NFKC.String(pw)
	out := make([]bool, len(hashes))
	for r, keys := range runs(hashes) {
		got := argon2.IDKey([]byte(pw), []byte(r.salt), r.p.Time, r.p.MemoryKiB, r.p.Threads, uint32(r.keyLen))
		for i, key := range keys {
			out[i] = subtle.ConstantTimeCompare(got, key) == 1
		}
	}
	return out
}

// run is what one argon2 run serves: the settings, the salt and the key
// length.
type run struct {
	p      Params
	salt   string
	keyLen int
}

// runs groups well-formed hashes by the run that checks them: for each,
// the keys it is compared with, by the hash's index.
func runs(hashes []string) map[run]map[int][]byte {
	out := map[run]map[int][]byte{}
	for i, h := range hashes {
		p, salt, key, err := decode(h)
		if err != nil {
			continue
		}
		r := run{p, string(salt), len(key)}
		if out[r] == nil {
			out[r] = map[int][]byte{}
		}
		out[r][i] = key
	}
	return out
}
