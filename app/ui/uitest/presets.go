package uitest

import (
	"context"
	"slices"
	"sync"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// Presets answers GET /preset and POST /roles/{id}/reset. A reset puts
// the role back in the Fake's matrix, as the real server would.
type Presets struct {
	Mu     sync.Mutex
	Fake   *Fake
	Data   api.Preset
	Err    error
	calls  int // GET /preset
	resets []string
	Refuse error
}

func (p *Presets) Preset(context.Context) (api.Preset, error) {
	p.Mu.Lock()
	defer p.Mu.Unlock()
	p.calls++
	return p.Data, p.Err
}

func (p *Presets) ResetRole(_ context.Context, id string) (api.Role, error) {
	p.Mu.Lock()
	defer p.Mu.Unlock()
	p.resets = append(p.resets, id)
	if err := p.Refuse; err != nil {
		p.Refuse = nil
		return api.Role{}, err
	}
	i := slices.IndexFunc(p.Data.Roles, func(r role.Role) bool { return r.ID == id })
	def := p.Data.Roles[i]
	p.Fake.Mu.Lock()
	defer p.Fake.Mu.Unlock()
	r := &p.Fake.MatrixData.Roles[p.Fake.roleIndex(id)]
	r.Name, r.Description, r.Color = def.Name, def.Description, def.Color
	r.Permissions = slices.Clone(def.Permissions)
	p.Fake.MatrixData.Grants[id] = slices.Clone(def.Permissions)
	return *r, nil
}

func (p *Presets) Counts() (int, []string) {
	p.Mu.Lock()
	defer p.Mu.Unlock()
	return p.calls, slices.Clone(p.resets)
}
