package password

import (
	_ "embed"
	"errors"
	"strings"
)

//go:embed common.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonList, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// ErrCommon says a password is on the list of common breached passwords.
var ErrCommon = errors.New("is one of the most common passwords; choose another")

// Acceptable checks a new password: 8 to 128 characters and not a common
// breached password. There are no composition rules.
func Acceptable(pw string) error {
	if err := Validate(pw); err != nil {
		return err
	}
	if common[strings.ToLower(pw)] {
		return ErrCommon
	}
	return nil
}
