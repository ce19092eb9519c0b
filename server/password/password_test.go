package password

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	h, err := testSalts.Hash("sam@sunrise.example", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the ASVS parameters", h)
	}
	if h2, _ := testSalts.Hash("kim@sunrise.example", "correct horse battery"); h == h2 {
		t.Fatal("one password of two emails hashes alike: the salt is not the email's")
	}
	if h3, _ := NewSalts([]byte("another installation")).Hash("sam@sunrise.example", "correct horse battery"); h == h3 {
		t.Fatal("one password of one email hashes alike in two installations: the salt is not keyed")
	}
	cases := []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	}
	for _, c := range cases {
		if ok, err := Verify(c.pw, h); err != nil || ok != c.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", c.pw, ok, err, c.want)
		}
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=18$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x$c2FsdA$a2V5", "$argon2id$v=19$m=1,t=1,p=1$!!$a2V5"} {
		if _, err := Verify("pw", h); err != ErrMalformedHash {
			t.Errorf("Verify(%q) error = %v; want ErrMalformedHash", h, err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	h, _ := testSalts.Hash("sam@sunrise.example", "correct horse battery")
	for b.Loop() {
		_, _ = Verify("correct horse battery", h)
	}
}

// sam is the context of the weak candidates: Sam Rivera of Sunrise Clinic.
var sam = Context{MinLength: 12, Name: "Sam Rivera", Email: "sam.rivera@sunrise.example", Account: "Sunrise Clinic"}

// weak are the candidates an attacker tries first, in the spirit of the
// issue's 43: every one must be refused.
var weak = []string{
	"Summer2024!", "Changeme123", "Sunrise Clinic", "sam.rivera@sunrise.example",
	strings.Repeat("\x00", 8), strings.Repeat("\u200b", 8), strings.Repeat("\u200b", 12) + "x",
	"password1234", "Password1234", "Password123!", "qwertyuiop123", "1234567890123",
	"iloveyou1234", "Welcome123!!", "welcome@2024", "Winter2025!!", "Autumn2026!!",
	"letmein12345", "abc123abc123", "aaaaaaaaaaaa", "121212121212", "!!!!!!!!!!!!",
	"            ", "Sam Rivera 2024", "SamRivera123!", "SunriseClinic1", "sunrise-clinic-2024",
	"sam.rivera.sunrise", "Rivera1234567", "P@ssw0rd1234", "Passw0rd2024", "football1234",
	"Baseball2024!", "monkey123456", "dragon123456", "trustno1trustno1",
	"ＰＡＳＳＷＯＲＤ１２３４", // full-width: NFKC folds it to PASSWORD1234
	"pass\tword1234", "correct\u00adhorse battery", "12345678", "Short1!",
	"qwerty123456", "1q2w3e4r5t6y", "administrator1", "superman2024",
}

func TestAcceptableRefusesWeakCandidates(t *testing.T) {
	refused := 0
	for _, pw := range weak {
		if err := Acceptable(pw, sam); err != nil {
			refused++
		} else {
			t.Errorf("Acceptable(%q) accepted a weak password", pw)
		}
	}
	t.Logf("%d of %d weak candidates refused", refused, len(weak))
}

func TestAcceptable(t *testing.T) {
	eight := sam
	eight.MinLength = 8
	cases := []struct {
		pw   string
		c    Context
		want error // nil: accepted; errLength: a length refusal
	}{
		{"correct horse battery", sam, nil},
		{"Blue-Harbour-Lantern-42", sam, nil},
		{"sam-password-1234", sam, nil}, // the tests' own passwords are accepted
		{"ñandú vuela sobre el río", sam, nil},
		{"Sam climbs Ben Nevis in May", sam, nil}, // the name within a longer passphrase is fine
		{"tiger lamp 94", eight, nil},
		{"tiger lamp 94", sam, nil},
		{"gr8 lamp 7", eight, nil},
		{"gr8 lamp 7", sam, errLength},
		{"Summer2024!", eight, ErrCommon},
		{"Summer2024!", sam, errLength},
		{"Changeme123!", sam, ErrCommon},
		{"Sunrise Clinic!!", sam, ErrPersonal},
		{"sam.rivera@sunrise.example", sam, ErrPersonal},
		{"SAM RIVERA 1984!", sam, ErrPersonal},
		{strings.Repeat("\x00", 12), sam, ErrInvisible},
		{strings.Repeat("\u200b", 12), sam, ErrInvisible},
		{"correct horse\u200bbattery", sam, ErrInvisible},
		{"correct horse\u3164battery", sam, ErrInvisible}, // Hangul filler: shows as a blank
		{"abababababababab", sam, ErrRepeats},
		{strings.Repeat("a", 129), sam, errLength},
		{"ñññññññññññ", sam, errLength}, // 11 characters, 22 bytes
		{"tiny", Context{}, errLength},  // no policy: the floor of 8 still holds
	}
	for _, c := range cases {
		err := Acceptable(c.pw, c.c)
		switch {
		case c.want == errLength && (err == nil || !strings.HasPrefix(err.Error(), "must be at")):
			t.Errorf("Acceptable(%q, min %d) = %v; want a length refusal", c.pw, c.c.MinLength, err)
		case c.want != errLength && err != c.want:
			t.Errorf("Acceptable(%q, min %d) = %v; want %v", c.pw, c.c.MinLength, err, c.want)
		}
	}
}

var errLength = errors.New("length")

func TestBreachedCorpus(t *testing.T) {
	if n := len(breached()); n < 100_000 {
		t.Fatalf("the corpus holds %d entries; at least 100,000 are shipped", n)
	}
	if !slices.IsSorted(breached()) {
		t.Fatal("the corpus is not sorted: lookups would miss")
	}
	for _, pw := range []string{"password", "iloveyou", "qwertyuiop", "Trustno1", "Welcome123"} {
		if !isBreached(pw) {
			t.Errorf("%q is not found in the corpus", pw)
		}
	}
}

func TestHashIsOfTheNFKCForm(t *testing.T) {
	h, err := testSalts.Hash("sam@sunrise.example", "cafe\u0301 au lait")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := Verify("caf\u00e9 au lait", h); !ok {
		t.Error("the composed form of a password does not verify against its decomposed form")
	}
}
