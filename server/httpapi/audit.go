package httpapi

import (
	"encoding/json"

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
	recs, err := a.store.Audit.Page(c.UserContext(), p.Account.ID, c.Query("cursor"), limit+1)
	if err != nil {
		return err
	}
	out := api.AuditPage{Items: []api.AuditEntry{}}
	if len(recs) > limit {
		recs = recs[:limit]
		out.NextCursor = recs[limit-1].ID
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	undone, err := a.store.Audit.RevertsOf(c.UserContext(), p.Account.ID, ids)
	if err != nil {
		return err
	}
	for i := range recs {
		out.Items = append(out.Items, auditView(&recs[i], undone[recs[i].ID]))
	}
	return c.JSON(out)
}

// revert: POST /audit/{id}/revert.
func (a *API) revert(c *fiber.Ctx) error {
	rec, err := a.roles.Revert(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(auditView(rec, ""))
}

func auditView(r *store.AuditRecord, revertedBy string) api.AuditEntry {
	return api.AuditEntry{
		ID: r.ID, At: r.At, Action: r.Action, Summary: r.Summary,
		Actor:  api.AuditActor{ID: r.Actor.ID, Name: r.Actor.Name, Email: r.Actor.Email},
		Target: api.AuditTarget{Type: r.Target.Type, ID: r.Target.ID, Name: r.Target.Name},
		Before: rawJSON(r.Before), After: rawJSON(r.After),
		Revertible: r.Revertible && revertedBy == "", RevertOf: r.RevertOf, RevertedBy: revertedBy,
	}
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}
