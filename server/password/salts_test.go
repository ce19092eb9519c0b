package password

import (
	"fmt"
	"slices"
	"testing"
)

var testSalts = NewSalts([]byte("test installation key"))

// One email in many accounts, a password in each: every hash of the email
// shares one salt, so a sign-in checks them all with one argon2 run and
// finds the one account whose password it is.
func TestMatchChecksAnEmailsAccountsWithOneRun(t *testing.T) {
	const email = "sam@sunrise.example"
	var hashes []string
	for i := range 12 {
		h, err := testSalts.Hash(email, fmt.Sprintf("clinic %d front desk", i))
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	other, _ := testSalts.Hash("kim@sunrise.example", "clinic 7 front desk")
	if n := len(runs(hashes)); n != 1 {
		t.Fatalf("12 hashes of one email need %d argon2 runs; want 1", n)
	}
	turn, err := Admit()
	if err != nil {
		t.Fatal(err)
	}
	defer turn.Done()
	for _, c := range []struct {
		name   string
		pw     string
		hashes []string
		want   []int
	}{
		{"the seventh account's password", "clinic 7 front desk", hashes, []int{7}},
		{"no account's password", "clinic 12 front desk", hashes, nil},
		{"its NFKC form", "ｃｌｉｎｉｃ 3 front desk", hashes, []int{3}},
		{"another email's hash beside them", "clinic 7 front desk", append(slices.Clone(hashes[:2]), other), []int{2}},
		{"a malformed hash matches nothing", "clinic 0 front desk", []string{"plain", hashes[0]}, []int{1}},
		{"no hashes", "clinic 0 front desk", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			for i, ok := range turn.Match(c.pw, c.hashes) {
				if ok {
					got = append(got, i)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("matched %v; want %v", got, c.want)
			}
		})
	}
}
