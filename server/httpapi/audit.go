package httpapi

import (
	"encoding/json"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
)

// audit: GET /audit?cursor=, newest first.
func (a *API) audit(c *fiber.Ctx) error {
	p := principal(c)
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	// A page is the same for everyone at one revision: every record, and
	// every undo, comes with a revision of its own.
	cursor := c.Query("cursor")
	kind := "audit\x00" + cursor + "\x00" + strconv.Itoa(limit)
	return a.answers.sendRead(c, kind, p.Account, func() (any, bool, error) {
		recs, more, complete, err := a.store.Audit.Page(c.UserContext(), p.Account, cursor, limit)
		if err == store.ErrNotFound {
			return nil, false, invalidInput("Unknown cursor.", map[string]string{"cursor": "Use the next_cursor of a page."})
		} else if err != nil {
			return nil, false, err
		}
		out := api.AuditPage{Items: []api.AuditEntry{}}
		for i := range recs {
			out.Items = append(out.Items, auditView(&recs[i]))
		}
		if more && len(recs) > 0 {
			out.NextCursor = recs[len(recs)-1].ID
		}
		return out, complete, nil
	})
}

// revert: POST /audit/{id}/revert.
func (a *API) revert(c *fiber.Ctx) error {
	rec, err := a.roles.Revert(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(auditView(rec))
}

func auditView(r *store.AuditRecord) api.AuditEntry {
	return api.AuditEntry{
		ID: r.ID, At: r.At, Action: r.Action, Summary: r.Summary,
		Actor:  api.AuditActor{ID: r.Actor.ID, Name: r.Actor.Name, Email: r.Actor.Email},
		Target: api.AuditTarget{Type: r.Target.Type, ID: r.Target.ID, Name: r.Target.Name},
		Before: rawJSON(r.Before), After: rawJSON(r.After),
		Revertible: r.Revertible && r.RevertedBy == "", RevertOf: r.RevertOf, RevertedBy: r.RevertedBy,
	}
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}
