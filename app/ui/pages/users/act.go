package users

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/kit"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// lockoutState says in the confirmation whether, and until when, failed
// sign-ins keep the user waiting now.
func (c *Page) lockoutState(ctx app.Context, conf *kit.Confirmation, id, name string) {
	conf.Details = []string{"Checking for failed sign-ins…"}
	ctx.Async(func() {
		u, err := session.API.User(ctx, id)
		ctx.Dispatch(func(ctx app.Context) {
			if session.Ended(ctx, err) || c.confirmer.Pending() != conf {
				return
			}
			switch {
			case err != nil:
				conf.Details = []string{"Whether sign-ins wait now could not be read: " + session.Message(err)}
			case u.LockedUntil != nil:
				conf.Details = []string{"Sign-ins from new browsers wait until " + kit.DateTime(*u.LockedUntil) + "."}
			default:
				conf.Details = []string{"No sign-in waits now: " + name + " can sign in."}
			}
		})
	})
}

// start begins an action on a user: a dialog, or a confirmation. The
// rules are asked again: the list may have changed since it was drawn.
func (c *Page) start(ctx app.Context, id, key, returnTo string) {
	c.openMenu = ""
	u, ok := c.user(id)
	if !ok {
		return
	}
	r := c.rules()
	primary, more := r.rowActions(u)
	actions := append(slices.Clone(primary), more...)
	i := slices.IndexFunc(actions, func(a userAction) bool { return a.key == key })
	if i < 0 {
		return
	}
	if a := actions[i]; a.no != nil {
		c.status = a.no.Message
		return
	}
	switch key {
	case actRole:
		c.roleForm.open(ctx, u, returnTo)
	case actOverrides:
		c.overrides.open(ctx, u, c.Me.Account.Modules, returnTo)
	case rules.ActReset:
		c.reset.open(ctx, u, returnTo)
	default:
		c.askAct(ctx, u, key)
	}
}

// askAct confirms a change to a user's sign-in, naming them and saying
// what it does.
func (c *Page) askAct(ctx app.Context, u api.User, key string) {
	name := displayName(u)
	id := u.ID
	conf := &kit.Confirmation{ReturnTo: "user-row-" + id}
	act := func(ctx app.Context) error {
		_, err := session.API.Act(ctx, id, key)
		return err
	}
	conf.Run = act
	var done string
	switch key {
	case rules.ActRevoke:
		if u.Status == rules.StatusInvited {
			conf.Title, conf.OK = "Cancel the invitation to "+name+"?", "Cancel invitation"
			conf.Body = "The link in the invitation email to " + u.Email + " stops working at once and the seat is freed. You can invite " + name + " again later."
			done = "Invitation to " + name + " cancelled."
		} else {
			conf.Title, conf.OK = "Revoke access for "+name+"?", "Revoke access"
			conf.Body = name + " will immediately lose their login. Their profile stays and they can be re-invited later."
			done = name + " can no longer sign in."
		}
	case rules.ActDisable:
		conf.Title, conf.OK = "Disable "+name+"?", "Disable"
		conf.Body = name + " is signed out at once and cannot sign in until enabled again. They keep their role and their seat."
		done = name + " is disabled."
	case rules.ActEnable:
		conf.Title, conf.OK, conf.Safe = "Enable "+name+"?", "Enable", true
		conf.Body = name + " can sign in again, with their role."
		done = name + " is enabled."
	case rules.ActInvite:
		conf.Title, conf.OK, conf.Safe = "Send "+name+" a new invitation?", "Send invitation", true
		conf.Body = "A new link goes to " + u.Email + "; any earlier link stops working."
		if u.Status == rules.StatusRevoked {
			conf.Body += " " + name + " takes a seat again, as a pending invite."
		}
		done = "Invitation sent to " + u.Email + "."
	case rules.ActDelete:
		conf.Title, conf.OK = "Delete "+name+"?", "Delete"
		conf.Body = name + " loses their login at once and moves to Restore staff, from where you can restore them or delete them for good."
		conf.Run = func(ctx app.Context) error { return session.API.DeleteUser(ctx, id, false) }
		done = name + " moved to Restore staff."
	case rules.ActRestore:
		conf.Title, conf.OK, conf.Safe = "Restore "+name+"?", "Restore", true
		conf.Body = name + " comes back with the status they had before deletion, taking a seat again if that status holds one."
		done = name + " is restored."
	case rules.ActPurge:
		conf.Title, conf.OK = "Delete "+name+" for good?", "Delete for good"
		conf.Body = name + " and their login are removed permanently. This cannot be undone."
		conf.Run = func(ctx app.Context) error { return session.API.DeleteUser(ctx, id, true) }
		conf.ReturnTo = "users-search"
		done = name + " is deleted for good."
	case actReset2FA:
		conf.Title, conf.OK = "Reset two-factor sign-in for "+name+"?", "Reset two-factor"
		conf.Body = name + " signs in with their password alone until they set two-factor sign-in up again. Do this when they lost their device."
		conf.Run = func(ctx app.Context) error { return session.API.Reset2FA(ctx, id) }
		done = "Two-factor sign-in of " + name + " is reset."
	case actSessions:
		conf.Title, conf.OK = "Sign "+name+" out everywhere?", "Sign out everywhere"
		conf.Body = "Every session of " + name + " ends at once, on every device. They can sign in again."
		conf.Run = func(ctx app.Context) error { return session.API.EndUserSessions(ctx, id) }
		done = name + " is signed out everywhere."
	case actLockout:
		conf.Title, conf.OK, conf.Safe = "Let "+name+" sign in now?", "Clear lockout", true
		conf.Body = "Wrong passwords typed for " + u.Email + " in browsers " + name + " has not signed in with make each further try there wait, longer each time; browsers they use keep working. Clearing forgets those failures, so " + name + " can sign in at once from anywhere."
		conf.Run = func(ctx app.Context) error { return session.API.ClearLockout(ctx, id) }
		done = name + " can sign in at once from any browser."
	default:
		return
	}
	conf.Done = func(ctx app.Context) {
		c.status = done
		c.focusAfter = conf.ReturnTo
		c.load(ctx)
	}
	c.confirmer.Ask(ctx, conf)
	if key == actLockout {
		c.lockoutState(ctx, conf, id, name)
	}
}
