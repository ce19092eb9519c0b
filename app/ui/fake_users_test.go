package ui

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

func (f *fakeServer) record(entry string) {
	f.log = append(f.log, entry)
}

func (f *fakeServer) logged() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.log)
}

func (f *fakeServer) Roles(context.Context) (api.RoleList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.roles == nil {
		return api.RoleList{}, apiError(403, api.CodeForbidden)
	}
	return api.RoleList{Items: slices.Clone(f.roles)}, nil
}

func (f *fakeServer) Users(_ context.Context, q client.UserQuery) (api.UserList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	if f.usersErr != nil {
		return api.UserList{}, f.usersErr
	}
	var match []api.User
	for _, u := range f.users {
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

func (f *fakeServer) UserStats(context.Context) (api.UserStats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := api.UserStats{ByRole: map[string]int{}}
	for _, r := range f.roles {
		s.ByRole[r.ID] = 0
	}
	for _, u := range f.users {
		switch u.Status {
		case rules.StatusActive:
			s.ByRole[u.RoleID]++
		case rules.StatusInvited:
			s.PendingInvites++
		}
	}
	return s, nil
}

func (f *fakeServer) userIndex(id string) int {
	return slices.IndexFunc(f.users, func(u api.User) bool { return u.ID == id })
}

func (f *fakeServer) CreateUser(_ context.Context, in api.CreateUser) (api.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("create " + in.Email + " " + in.RoleID + " " + map[bool]string{true: "password", false: "invite"}[in.Password != ""])
	if err := f.refused(); err != nil {
		return api.User{}, err
	}
	u := api.User{ID: "new", Name: in.Name, Email: in.Email, RoleID: in.RoleID, Status: rules.StatusActive}
	if in.Password == "" {
		u.Status = rules.StatusInvited
	}
	f.users = append(f.users, u)
	return u, nil
}

func (f *fakeServer) PatchUser(_ context.Context, id string, in api.PatchUser) (api.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
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
	i := f.userIndex(id)
	if i < 0 {
		return api.User{}, apiError(404, api.CodeNotFound)
	}
	u := &f.users[i]
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

func (f *fakeServer) Effective(_ context.Context, id string) (api.Effective, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return api.Effective{Permissions: slices.Clone(f.effective[id])}, nil
}

func (f *fakeServer) Act(_ context.Context, id, action string) (api.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(action + " " + id)
	if err := f.refused(); err != nil {
		return api.User{}, err
	}
	i := f.userIndex(id)
	if i < 0 {
		return api.User{}, apiError(404, api.CodeNotFound)
	}
	next, ok := rules.Next(action, f.users[i].Status, rules.StatusActive)
	if !ok {
		return api.User{}, refusalError(api.CodeInvalidState, "No.")
	}
	f.users[i].Status = next
	return f.users[i], nil
}

func (f *fakeServer) DeleteUser(_ context.Context, id string, purge bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if purge {
		f.record("purge " + id)
	} else {
		f.record("delete " + id)
	}
	if err := f.refused(); err != nil {
		return err
	}
	i := f.userIndex(id)
	if i < 0 {
		return apiError(404, api.CodeNotFound)
	}
	if purge {
		f.users = slices.Delete(f.users, i, i+1)
	} else {
		f.users[i].Status = rules.StatusDeleted
	}
	return nil
}

func (f *fakeServer) simple(entry string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record(entry)
	return f.refused()
}

func (f *fakeServer) ResetPassword(_ context.Context, id string, in api.ResetPassword) error {
	return f.simple("reset-password " + id + " " + in.Mode + " " + in.Password)
}

func (f *fakeServer) Reset2FA(_ context.Context, id string) error { return f.simple("reset-2fa " + id) }

func (f *fakeServer) Remind2FA(_ context.Context, id string) error {
	return f.simple("remind-2fa " + id)
}

func (f *fakeServer) EndUserSessions(_ context.Context, id string) error {
	return f.simple("end-sessions " + id)
}

func (f *fakeServer) User(_ context.Context, id string) (api.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := f.userIndex(id); i >= 0 {
		return f.users[i], nil
	}
	return api.User{}, refusalError(api.CodeNotFound, "No such user.")
}

func (f *fakeServer) ClearLockout(_ context.Context, id string) error {
	return f.simple("clear-lockout " + id)
}

func (f *fakeServer) Plans(context.Context) (client.PlanList, error) {
	return client.PlanList{Items: slices.Clone(plan.Tiers)}, nil
}

func (f *fakeServer) Account(context.Context) (api.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.account, nil
}

func (f *fakeServer) PatchAccount(_ context.Context, in api.PatchAccount) (api.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
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
	f.record(entry)
	if err := f.refused(); err != nil {
		return api.Account{}, err
	}
	if in.Name != nil {
		f.account.Name = *in.Name
	}
	if in.Plan != nil {
		t, _ := plan.Lookup(*in.Plan)
		f.account.Plan, f.account.Seats.Limit = t.Key, t.Seats
	}
	if in.Policy != nil {
		f.account.Policy = *in.Policy
	}
	return f.account, nil
}

func (f *fakeServer) Mail(context.Context) (api.MailList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return api.MailList{Items: slices.Clone(f.mail)}, f.mailErr
}

func (f *fakeServer) Suggestions(context.Context) (api.Suggestions, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.suggestions, nil
}

func (f *fakeServer) EnrollTOTP(context.Context) (api.TOTPEnrollment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("enroll")
	if err := f.refused(); err != nil {
		return api.TOTPEnrollment{}, err
	}
	return f.enrollment, nil
}

func (f *fakeServer) ConfirmTOTP(_ context.Context, code string) (api.RecoveryCodes, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("confirm " + code)
	if err := f.refused(); err != nil {
		return api.RecoveryCodes{}, err
	}
	f.me.TwoFactor.Enabled, f.me.TwoFactor.MustEnroll, f.me.User.TOTPEnabled = true, false, true
	return api.RecoveryCodes{RecoveryCodes: slices.Clone(f.codes)}, nil
}

func (f *fakeServer) DisableTOTP(_ context.Context, in api.DisableTOTP) error {
	return f.simple("disable-totp " + in.Password + " code=" + in.Code + " recovery=" + in.RecoveryCode)
}

func (f *fakeServer) ChangePassword(_ context.Context, in api.ChangePassword) error {
	return f.simple("password " + in.CurrentPassword + " " + in.NewPassword)
}

func (f *fakeServer) Sessions(context.Context) (api.SessionList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return api.SessionList{Items: slices.Clone(f.sessions)}, nil
}

func (f *fakeServer) EndSession(_ context.Context, id string, current bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("end-session " + id)
	if err := f.refused(); err != nil {
		return err
	}
	f.sessions = slices.DeleteFunc(f.sessions, func(s api.Session) bool { return s.ID == id })
	return nil
}

func (f *fakeServer) AcceptInvite(_ context.Context, in api.AcceptInvite) (api.LoginResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("accept " + in.Token + " " + in.Name)
	if err := f.refused(); err != nil {
		return api.LoginResponse{}, err
	}
	return api.LoginResponse{User: api.User{ID: "u9", Name: in.Name}}, nil
}

func (f *fakeServer) ForgotPassword(_ context.Context, email string) error {
	return f.simple("forgot " + email)
}

func (f *fakeServer) NewPassword(_ context.Context, in api.NewPassword) error {
	return f.simple("new-password " + in.Token)
}
