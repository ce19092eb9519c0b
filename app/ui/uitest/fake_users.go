package uitest

import (
	"context"
	"slices"
	"strings"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// The fake's users, account and own-account calls: they change its state
// as the real server would, without its rules; tests that want a refusal
// set f.refuse.

func (f *Fake) record(entry string) {
	f.log = append(f.log, entry)
}

func (f *Fake) Logged() []string {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return slices.Clone(f.log)
}

func (f *Fake) Roles(context.Context) (api.RoleList, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.RoleItems == nil {
		return api.RoleList{}, APIError(403, api.CodeForbidden)
	}
	return api.RoleList{Items: slices.Clone(f.RoleItems)}, nil
}

func (f *Fake) Users(_ context.Context, q client.UserQuery) (api.UserList, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Queries = append(f.Queries, q)
	if f.UsersErr != nil {
		return api.UserList{}, f.UsersErr
	}
	var match []api.User
	for _, u := range f.UserItems {
		if (q.Status == "" || u.Status == q.Status) && (q.Role == "" || u.RoleID == q.Role) &&
			(q.Q == "" || strings.Contains(strings.ToLower(u.Name), strings.ToLower(q.Q)) || strings.Contains(u.Email, strings.ToLower(q.Q))) {
			match = append(match, u)
		}
	}
	start := 0
	if q.Cursor != "" {
		start = slices.IndexFunc(match, func(u api.User) bool { return u.ID == q.Cursor }) + 1
	}
	limit := q.Limit
	if limit == 0 {
		limit = 50
	}
	end := min(start+limit, len(match))
	out := api.UserList{Items: slices.Clone(match[start:end])}
	if end < len(match) {
		out.NextCursor = match[end-1].ID
	}
	return out, nil
}

func (f *Fake) UserStats(context.Context) (api.UserStats, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	s := api.UserStats{ByRole: map[string]int{}, SuperAdmins: f.HiddenSuperAdmins, CappedSeats: map[string]int{}}
	for _, r := range f.RoleItems {
		s.ByRole[r.ID] = 0
		s.RoleOrder = append(s.RoleOrder, r.ID)
		if r.MaxHolders > 0 {
			s.CappedSeats[r.ID] = f.HiddenSeated[r.ID]
			for _, u := range f.UserItems {
				if u.RoleID == r.ID && rules.HoldsSeat(u.Status) {
					s.CappedSeats[r.ID]++
				}
			}
		}
	}
	super := map[string]bool{}
	for _, r := range f.RoleItems {
		super[r.ID] = r.SuperAdmin
	}
	for _, u := range f.UserItems {
		// Without RoleItems (GET /roles refused) the account's roles are
		// those its users hold, in the order they first appear.
		if _, ok := s.ByRole[u.RoleID]; !ok && u.RoleID != "" {
			s.ByRole[u.RoleID] = 0
			s.RoleOrder = append(s.RoleOrder, u.RoleID)
		}
		switch u.Status {
		case rules.StatusActive:
			s.ByRole[u.RoleID]++
			if super[u.RoleID] {
				s.SuperAdmins++
			}
		case rules.StatusInvited:
			s.PendingInvites++
		}
		if rules.HoldsSeat(u.Status) {
			s.SeatsUsed++
		}
	}
	for _, n := range f.HiddenSeated {
		s.SeatsUsed += n
	}
	return s, nil
}

func (f *Fake) UserIndex(id string) int {
	return slices.IndexFunc(f.UserItems, func(u api.User) bool { return u.ID == id })
}

func (f *Fake) CreateUser(_ context.Context, in api.CreateUser) (api.User, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	how := map[bool]string{true: "password", false: "invite"}[in.Password != ""]
	if in.NoLogin {
		how = "no-login"
	}
	f.record("create " + in.Email + " " + in.RoleID + " " + how)
	if err := f.refused(); err != nil {
		return api.User{}, err
	}
	u := api.User{ID: "new", Name: in.Name, Email: in.Email, RoleID: in.RoleID, Status: rules.StatusActive}
	switch {
	case in.NoLogin:
		u.Status = rules.StatusNoLogin
	case in.Password == "":
		u.Status = rules.StatusInvited
	}
	f.UserItems = append(f.UserItems, u)
	return u, nil
}

func (f *Fake) PatchUser(_ context.Context, id string, in api.PatchUser) (api.User, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	entry := "patch " + id
	if in.Name != nil {
		entry += " name=" + *in.Name
	}
	if in.RoleID != nil {
		entry += " role=" + *in.RoleID
	}
	if in.Overrides != nil {
		entry += " grant=" + strings.Join(in.Overrides.Grant, ",") + " deny=" + strings.Join(in.Overrides.Deny, ",")
	}
	f.record(entry)
	if err := f.refused(); err != nil {
		return api.User{}, err
	}
	i := f.UserIndex(id)
	if i < 0 {
		return api.User{}, APIError(404, api.CodeNotFound)
	}
	u := &f.UserItems[i]
	if in.Name != nil {
		u.Name = *in.Name
	}
	if in.RoleID != nil {
		u.RoleID = *in.RoleID
	}
	if in.Overrides != nil {
		u.Overrides = perm.Overrides{Grant: slices.Clone(in.Overrides.Grant), Deny: slices.Clone(in.Overrides.Deny)}
	}
	return *u, nil
}

func (f *Fake) Effective(_ context.Context, id string) (api.Effective, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return api.Effective{Permissions: slices.Clone(f.EffectiveByUser[id])}, nil
}

func (f *Fake) Act(_ context.Context, id, action string) (api.User, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record(action + " " + id)
	if err := f.refused(); err != nil {
		return api.User{}, err
	}
	i := f.UserIndex(id)
	if i < 0 {
		return api.User{}, APIError(404, api.CodeNotFound)
	}
	next, ok := rules.Next(action, f.UserItems[i].Status, rules.StatusActive)
	if !ok {
		return api.User{}, RefusalError(api.CodeInvalidState, "No.")
	}
	f.UserItems[i].Status = next
	return f.UserItems[i], nil
}

func (f *Fake) DeleteUser(_ context.Context, id string, purge bool) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if purge {
		f.record("purge " + id)
	} else {
		f.record("delete " + id)
	}
	if err := f.refused(); err != nil {
		return err
	}
	i := f.UserIndex(id)
	if i < 0 {
		return APIError(404, api.CodeNotFound)
	}
	if purge {
		f.UserItems = slices.Delete(f.UserItems, i, i+1)
	} else {
		f.UserItems[i].Status = rules.StatusDeleted
	}
	return nil
}

func (f *Fake) simple(entry string) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record(entry)
	return f.refused()
}

func (f *Fake) ResetPassword(_ context.Context, id string, in api.ResetPassword) error {
	return f.simple("reset-password " + id + " " + in.Mode + " " + in.Password)
}

func (f *Fake) Reset2FA(_ context.Context, id string) error { return f.simple("reset-2fa " + id) }

func (f *Fake) Remind2FA(_ context.Context, id string) error {
	return f.simple("remind-2fa " + id)
}

func (f *Fake) EndUserSessions(_ context.Context, id string) error {
	return f.simple("end-sessions " + id)
}

func (f *Fake) User(_ context.Context, id string) (api.User, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if i := f.UserIndex(id); i >= 0 {
		return f.UserItems[i], nil
	}
	return api.User{}, RefusalError(api.CodeNotFound, "No such user.")
}

func (f *Fake) ClearLockout(_ context.Context, id string) error {
	return f.simple("clear-lockout " + id)
}

func (f *Fake) Plans(context.Context) (client.PlanList, error) {
	return client.PlanList{Items: slices.Clone(plan.Tiers)}, nil
}

func (f *Fake) Account(context.Context) (api.Account, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.AccountData, nil
}

func (f *Fake) PatchAccount(_ context.Context, in api.PatchAccount) (api.Account, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	entry := "patch-account"
	if in.Name != nil {
		entry += " name=" + *in.Name
	}
	if in.Plan != nil {
		entry += " plan=" + *in.Plan
	}
	if in.Policy != nil {
		p := in.Policy
		entry += " 2fa=" + p.TwoFactor.Required + ":" + strings.Join(p.TwoFactor.Roles, ",") +
			" ladder=" + map[bool]string{true: "on", false: "off"}[p.Ladder] +
			" overrides=" + map[bool]string{true: "on", false: "off"}[p.Overrides]
	}
	if in.Modules != nil {
		entry += " modules=" + strings.Join(*in.Modules, ",")
	}
	f.record(entry)
	if err := f.refused(); err != nil {
		return api.Account{}, err
	}
	if in.Name != nil {
		f.AccountData.Name = *in.Name
	}
	if in.Modules != nil {
		f.AccountData.Modules = *in.Modules
	}
	if in.Plan != nil {
		t, _ := plan.Lookup(*in.Plan)
		f.AccountData.Plan, f.AccountData.Seats.Limit = t.Key, t.Seats
	}
	if in.Policy != nil {
		f.AccountData.Policy = *in.Policy
	}
	return f.AccountData, nil
}

func (f *Fake) Mail(context.Context) (api.MailList, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return api.MailList{Items: slices.Clone(f.MailItems)}, f.mailErr
}

func (f *Fake) Suggestions(context.Context) (api.Suggestions, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.Review, nil
}

func (f *Fake) EnrollTOTP(context.Context) (api.TOTPEnrollment, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("enroll")
	if err := f.refused(); err != nil {
		return api.TOTPEnrollment{}, err
	}
	return f.Enrollment, nil
}

func (f *Fake) ConfirmTOTP(_ context.Context, code string) (api.RecoveryCodes, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("confirm " + code)
	if err := f.refused(); err != nil {
		return api.RecoveryCodes{}, err
	}
	f.MeData.TwoFactor.Enabled, f.MeData.TwoFactor.MustEnroll, f.MeData.User.TOTPEnabled = true, false, true
	return api.RecoveryCodes{RecoveryCodes: slices.Clone(f.Codes)}, nil
}

func (f *Fake) DisableTOTP(_ context.Context, in api.DisableTOTP) error {
	return f.simple("disable-totp " + in.Password + " code=" + in.Code + " recovery=" + in.RecoveryCode)
}

func (f *Fake) ChangePassword(_ context.Context, in api.ChangePassword) error {
	return f.simple("password " + in.CurrentPassword + " " + in.NewPassword)
}

func (f *Fake) Sessions(context.Context) (api.SessionList, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return api.SessionList{Items: slices.Clone(f.SessionItems)}, nil
}

func (f *Fake) EndSession(_ context.Context, id string, current bool) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("end-session " + id)
	if err := f.refused(); err != nil {
		return err
	}
	f.SessionItems = slices.DeleteFunc(f.SessionItems, func(s api.Session) bool { return s.ID == id })
	return nil
}

func (f *Fake) CheckInvite(context.Context, string) (api.Invitation, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.Invitation, f.InvitationErr
}

func (f *Fake) AcceptInvite(_ context.Context, in api.AcceptInvite) (api.LoginResponse, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("accept " + in.Token + " " + in.Name)
	if err := f.refused(); err != nil {
		return api.LoginResponse{}, err
	}
	return api.LoginResponse{User: api.User{ID: "u9", Name: in.Name}}, nil
}

func (f *Fake) ForgotPassword(_ context.Context, email string) error {
	return f.simple("forgot " + email)
}

func (f *Fake) NewPassword(_ context.Context, in api.NewPassword) error {
	return f.simple("new-password " + in.Token)
}
