package httpapi

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
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
	// What a page shows of members hidden from the viewer depends on their
	// viewpoint.
	cursor := c.Query("cursor")
	viewer := p.Session.UserID
	kind := "audit\x00" + cursor + "\x00" + strconv.Itoa(limit) + "\x00" + p.Account.Viewpoint(viewer)
	return a.answers.sendRead(c, kind, p.Account, func() (any, bool, error) {
		recs, more, complete, err := a.auditLog.Page(c.UserContext(), p, cursor, limit)
		if err == store.ErrNotFound {
			return nil, false, invalidInput("Unknown cursor.", map[string]string{"cursor": "Use the next_cursor of a page."})
		} else if err != nil {
			return nil, false, err
		}
		out := api.AuditPage{Items: []api.AuditEntry{}}
		for i := range recs {
			out.Items = append(out.Items, auditView(&recs[i], p.Account, viewer))
		}
		if more && len(recs) > 0 {
			out.NextCursor = recs[len(recs)-1].ID
		}
		return out, complete, nil
	})
}

// revert: POST /audit/{id}/revert.
func (a *API) revert(c *fiber.Ctx) error {
	p := principal(c)
	rec, err := a.auditLog.Undo(c.UserContext(), p, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(auditView(rec, p.Account, p.Session.UserID))
}

// auditView is a record as the viewer may see it. A member hidden from
// them (the holder of a private role: nobody else may see or edit the
// Super Admin's details) is named by their role, "the Super Admin", with
// no id or email, and what the record kept of them is left out.
func auditView(r *tenant.AuditRecord, acct *tenant.Account, viewer string) api.AuditEntry {
	e := api.AuditEntry{
		ID: r.ID, At: r.At, Action: r.Action, Summary: r.Summary,
		Actor:  api.AuditActor{ID: r.Actor.ID, Name: r.Actor.Name, Email: r.Actor.Email},
		Target: api.AuditTarget{Type: r.Target.Type, ID: r.Target.ID, Name: r.Target.Name},
		Before: rawJSON(r.Before), After: rawJSON(r.After),
		Revertible: r.Revertible && r.RevertedBy == "", RevertOf: r.RevertOf, RevertedBy: r.RevertedBy,
	}
	if r.Actor.ID != "" && hiddenMember(acct, viewer, r.Actor.ID) {
		as := privateName(acct, r.Actor.ID)
		e.Summary = replaceName(e.Summary, r.Actor.Name, as)
		e.Actor = api.AuditActor{Name: as}
	}
	if r.Target.Type == "user" && hiddenMember(acct, viewer, r.Target.ID) {
		as := privateName(acct, r.Target.ID)
		e.Summary = replaceName(e.Summary, r.Target.Name, as)
		e.Target = api.AuditTarget{Type: "user", Name: as}
		e.Before, e.After = rawJSON(""), rawJSON("")
	}
	return e
}

func replaceName(summary, name, as string) string {
	if name == "" {
		return summary
	}
	return strings.ReplaceAll(summary, name, as)
}

func hiddenMember(acct *tenant.Account, viewer, id string) bool {
	_, ok := acct.Members[id]
	return ok && acct.Hidden(viewer, id)
}

// privateName is how a hidden member is named: by their role.
func privateName(acct *tenant.Account, id string) string {
	r, _ := acct.Role(acct.Members[id].RoleID)
	return "the " + r.Name
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}
