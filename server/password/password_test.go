package password

import (
	"strings"
	"testing"
)

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the ASVS parameters", h)
	}
	h2, _ := Hash("correct horse battery")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
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

func TestValidate(t *testing.T) {
	cases := []struct {
		pw string
		ok bool
	}{
		{"1234567", false},
		{"12345678", true},
		{"ñññññññ", false}, // seven characters, fourteen bytes
		{strings.Repeat("a", 128), true},
		{strings.Repeat("a", 129), false},
	}
	for _, c := range cases {
		if err := Validate(c.pw); (err == nil) != c.ok {
			t.Errorf("Validate(%d chars) = %v; want ok=%v", len([]rune(c.pw)), err, c.ok)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	h, _ := Hash("correct horse battery")
	for b.Loop() {
		_, _ = Verify("correct horse battery", h)
	}
}

func TestAcceptable(t *testing.T) {
	cases := []struct {
		pw string
		ok bool
	}{
		{"correct horse battery", true},
		{"password", false},
		{"PassWord123", false},
		{"qwertyuiop", false},
		{"short", false},
		{"P@ssw0rd", false},
	}
	for _, c := range cases {
		if err := Acceptable(c.pw); (err == nil) != c.ok {
			t.Errorf("Acceptable(%q) = %v; want ok=%v", c.pw, err, c.ok)
		}
	}
	if len(common) < 150 {
		t.Errorf("the bundled list has %d entries", len(common))
	}
}
