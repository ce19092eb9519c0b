package perm

import "fmt"

// MaxPermissions bounds the catalog, so that a set of permissions is a
// fixed-size bit array: checks then cost no allocation.
const MaxPermissions = 512

// Bits is a set of permissions, one bit each, numbered by an Index.
type Bits [MaxPermissions / 64]uint64

func (b *Bits) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b *Bits) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// Index numbers every permission of a catalog and finds ids by string.
type Index struct {
	modules []Module
	// lookup maps "m.a" to bit*2 and "m.a:own" to bit*2+1.
	lookup map[string]int
	ids    []ID
	// ownScoped has the permissions that may be granted as `:own`.
	ownScoped Bits
	// byModule has each module's permissions.
	byModule map[string]Bits
}

// NewIndex numbers the catalog's permissions in order.
func NewIndex(modules []Module) *Index {
	x := &Index{modules: modules, lookup: map[string]int{}, byModule: map[string]Bits{}}
	for _, m := range modules {
		var mb Bits
		for _, a := range m.Actions {
			bit := len(x.ids)
			if bit >= MaxPermissions {
				panic(fmt.Sprintf("perm: more than %d permissions in the catalog", MaxPermissions))
			}
			id := ID{Module: m.Key, Action: a.Key}
			x.ids = append(x.ids, id)
			x.lookup[id.String()] = bit * 2
			if a.OwnScope {
				x.lookup[id.String()+":own"] = bit*2 + 1
				x.ownScoped.set(bit)
			}
			mb.set(bit)
		}
		x.byModule[m.Key] = mb
	}
	return x
}

// Default indexes the product's Catalog.
var Default = NewIndex(Catalog)

// Known reports whether id names a permission of the catalog, `:own` only
// where the action allows it.
func (x *Index) Known(id string) bool {
	_, ok := x.lookup[id]
	return ok
}

// Module returns the catalog module of a permission id.
func (x *Index) Module(id string) (Module, bool) {
	v, ok := x.lookup[id]
	if !ok {
		return Module{}, false
	}
	key := x.ids[v>>1].Module
	for _, m := range x.modules {
		if m.Key == key {
			return m, true
		}
	}
	return Module{}, false
}

// enabled returns the permissions of the core modules and the enabled ones.
func (x *Index) enabled(keys []string) Bits {
	var b Bits
	for _, m := range x.modules {
		if m.Core || contains(keys, m.Key) {
			mb := x.byModule[m.Key]
			for i := range b {
				b[i] |= mb[i]
			}
		}
	}
	return b
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
