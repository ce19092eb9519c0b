package httpapi

import (
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Problem is an error answer of the contract: a status and an error body.
type Problem struct {
	Status int
	Body   api.ErrorBody
}

func (p *Problem) Error() string { return p.Body.Code + ": " + p.Body.Message }

func problem(status int, code, message string) *Problem {
	return &Problem{Status: status, Body: api.ErrorBody{Code: code, Message: message}}
}

func invalidInput(message string, fields map[string]string) *Problem {
	p := problem(fiber.StatusBadRequest, api.CodeInvalidInput, message)
	p.Body.Fields = fields
	return p
}

var (
	errUnauthenticated = problem(fiber.StatusUnauthorized, api.CodeUnauthenticated, "Sign in first.")
	errCSRF            = problem(fiber.StatusForbidden, api.CodeCSRF, "The X-CSRF-Token header is missing or does not match this session.")
	errUnavailable     = problem(fiber.StatusServiceUnavailable, api.CodeUnavailable, "The data store is not answering; try again shortly.")
	errBusy            = problem(fiber.StatusServiceUnavailable, api.CodeUnavailable, "The server is busy signing people in; try again in a moment.")
	errTooSlow         = problem(fiber.StatusServiceUnavailable, api.CodeUnavailable, "The server is too busy to answer in time; try again in a moment.")
)

// errorHandler writes every error as the contract's JSON error body: known
// problems as they are, Fiber's own errors by their status, store outages
// and a server too busy hashing as 503, and anything else as a logged 500 that reveals nothing.
func errorHandler(log *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		var p *Problem
		var fe *fiber.Error
		var no *rules.Refusal
		switch {
		case errors.As(err, &p):
		case errors.As(err, &no):
			p = fromRefusal(no)
		case errors.Is(err, store.ErrNotFound):
			p = problem(fiber.StatusNotFound, api.CodeNotFound, "No such resource.")
		case errors.Is(err, store.ErrConflict):
			p = problem(fiber.StatusConflict, api.CodeStaleRevision, "The account kept changing; try again.")
		case errors.Is(err, auth.ErrUnauthenticated):
			p = errUnauthenticated
		case errors.Is(err, password.ErrBusy):
			p = errBusy
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(password.RetryAfter/time.Second)))
		case errors.Is(err, store.ErrUnavailable) && pastDeadline(c):
			// The request's own deadline passed, not the store's timeout.
			p = errTooSlow
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(password.RetryAfter/time.Second)))
		case errors.Is(err, store.ErrUnavailable):
			p = errUnavailable
		case errors.As(err, &fe):
			p = fromFiber(fe)
		default:
			log.ErrorContext(c.UserContext(), "unhandled error", "path", c.Path(), "err", err)
			p = problem(fiber.StatusInternalServerError, api.CodeInternal, "Something went wrong on our side.")
		}
		return c.Status(p.Status).JSON(api.Error{Error: p.Body})
	}
}

// pastDeadline reports whether the request's deadline (middleware.Deadline)
// has passed.
func pastDeadline(c *fiber.Ctx) bool {
	deadline, ok := c.UserContext().Deadline()
	return ok && !time.Now().Before(deadline)
}

// fromRefusal turns a rule's refusal into its answer: 403 for a missing
// permission, 400 for bad input, 409 for a rule that refuses the change.
func fromRefusal(no *rules.Refusal) *Problem {
	status := fiber.StatusConflict
	switch no.Code {
	case api.CodeForbidden:
		status = fiber.StatusForbidden
	case api.CodeInvalidInput:
		status = fiber.StatusBadRequest
	case api.CodeNotFound:
		status = fiber.StatusNotFound
	}
	return &Problem{Status: status, Body: api.ErrorBody{Code: no.Code, Message: no.Message, Fields: no.Fields}}
}

func fromFiber(fe *fiber.Error) *Problem {
	switch fe.Code {
	case fiber.StatusNotFound:
		return problem(fe.Code, api.CodeNotFound, "No such resource.")
	case fiber.StatusRequestEntityTooLarge:
		return problem(fe.Code, api.CodeTooLarge, "The request body is too large.")
	case fiber.StatusMethodNotAllowed:
		return problem(fe.Code, "method_not_allowed", "This method is not allowed here.")
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return problem(fe.Code, api.CodeInvalidInput, fe.Message)
	}
	return problem(fiber.StatusInternalServerError, api.CodeInternal, "Something went wrong on our side.")
}
