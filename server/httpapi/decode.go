package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
)

// decode reads the body into v strictly: JSON only, valid UTF-8, one value,
// no field the contract does not name. Anything else is 400 invalid_input,
// before any work is done.
func decode(c *fiber.Ctx, v any) error {
	if !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		return invalidInput("Send a JSON body with Content-Type: application/json.", nil)
	}
	body := c.Body()
	if !utf8.Valid(body) {
		return invalidInput("The body is not valid UTF-8.", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return invalidInput(describe(err), nil)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalidInput("The body holds more than one JSON value.", nil)
	}
	return nil
}

func describe(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return fmt.Sprintf("Field %q must be a %s.", typeErr.Field, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("Malformed JSON at byte %d.", syntaxErr.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "The body is empty or cut short."
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "Unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ") + "."
	}
	return "Malformed JSON."
}

// bodyless refuses a body on a route that takes none: a field sent where
// none belongs (a "role", a "status") is an error, never silently ignored.
// An empty JSON object is allowed, as clients send one out of habit.
func bodyless(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if b := bytes.TrimSpace(c.Body()); len(b) > 0 && string(b) != "{}" {
			return invalidInput("This request takes no body.", nil)
		}
		return h(c)
	}
}
