package users

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

var (
	errChangedSince = &rules.Refusal{Code: api.CodeInvalidState, Message: "This user was changed again since: undo the later change first."}
	errRemovedSince = &rules.Refusal{Code: api.CodeInvalidState, Message: "This user was removed since."}
)

// Undoers are the changes of users that can be undone: a change of name,
// role or overrides, disabling, enabling and deleting, put back while the
// user is still as it left them,
// under the rules of making it by hand (seats, caps, the ladder, email
// domains, escalation).
func Undoers() map[string]edit.Undoer {
	out := map[string]edit.Undoer{"user.update": undoPatch}
	for action, reverse := range undoneBy {
		out["user."+action] = undoAct(reverse)
	}
	return out
}

// undoAct undoes a lifecycle action by its reverse, while the user's
// status is still the one it left.
func undoAct(reverse string) edit.Undoer {
	return func(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
		if no := rules.Revert(actor); no != nil {
			return no
		}
		var after memberView
		if err := json.Unmarshal([]byte(orig.After), &after); err != nil {
			return err
		}
		m, ok := a.Members[orig.Target.ID]
		if !ok {
			return errRemovedSince
		}
		if m.Status != after.Status {
			return errChangedSince
		}
		_, err := actOn(a, actor, rec, orig.Target.ID, reverse, time.Time{})
		return err
	}
}

func undoPatch(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	if no := rules.Revert(actor); no != nil {
		return no
	}
	var before, after memberView
	if err := edit.BeforeAfter(orig, &before, &after); err != nil {
		return err
	}
	m, ok := a.Members[orig.Target.ID]
	if !ok || m.Status == rules.StatusDeleted {
		return errRemovedSince
	}
	if now := patchView(m); now.Name != after.Name || now.RoleID != after.RoleID ||
		!slices.Equal(now.Grant, after.Grant) || !slices.Equal(now.Deny, after.Deny) {
		return errChangedSince
	}
	in := api.PatchUser{Name: &before.Name, RoleID: &before.RoleID, Overrides: &perm.Overrides{Grant: before.Grant, Deny: before.Deny}}
	_, err := patchMember(a, actor, rec, orig.Target.ID, in, before.Name)
	return err
}
