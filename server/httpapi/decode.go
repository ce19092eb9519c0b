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
