package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rolesconsole/console/shared/role"
)

// MaxRoleDomains bounds how many email domains a role may be limited to.
const MaxRoleDomains = 20

// EmailDomain is the domain of an email address, lower-cased: what a
// role's domains are compared with.
func EmailDomain(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(email[at+1:]), "."))
}

// InDomains reports whether the person of this email may hold r. The
// domain must be one of r's exactly: a subdomain is not enough, since a
// vendor's subdomains may be its customers' (clinic.vendor.com), and
// domains are compared as lower-cased ASCII (international ones in their
// xn-- form), so a look-alike in other letters never passes.
func InDomains(r role.Role, email string) bool {
	if len(r.Domains) == 0 {
		return true
	}
	return slices.Contains(r.Domains, EmailDomain(email))
}

// DomainAllows decides whether the person of this email may be given r:
// a role limited to email domains is for their people alone.
func DomainAllows(r role.Role, email string) *Refusal {
	if InDomains(r, email) {
		return nil
	}
	msg := r.Name + " is for people with an email at " + orList(r.Domains) + "."
	return &Refusal{Code: CodeInvalidInput, Message: msg, Fields: map[string]string{"role_id": msg}}
}

// SetDomains decides whether the actor may change which email domains may
// hold r: it is an edit of the role, and a limit on one's own role is
// there to bound oneself, so only a super admin, whom nobody is above,
// changes their own.
func SetDomains(a Actor, r role.Role) *Refusal {
	if no := Edit(a, r); no != nil {
		return no
	}
	if r.ID == a.RoleID && !a.Subject.SuperAdmin() {
		return refuse(CodeSelfRestriction, "You cannot change who may hold your own role.")
	}
	return nil
}

// ValidDomains checks the email domains a role is to be limited to and
// returns them trimmed, lower-cased and once each, in the order given;
// nil for none (anyone may hold the role).
func ValidDomains(in []string) ([]string, *Refusal) {
	bad := func(why string) ([]string, *Refusal) {
		return nil, &Refusal{Code: CodeInvalidInput, Message: "Check the highlighted fields.", Fields: map[string]string{"domains": why}}
	}
	var out []string
	for _, d := range in {
		d = strings.ToLower(strings.TrimSpace(d))
		if d == "" {
			continue
		}
		if why := domainProblem(d); why != "" {
			return bad(why)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) > MaxRoleDomains {
		return bad("A role may be limited to at most " + strconv.Itoa(MaxRoleDomains) + " domains.")
	}
	return out, nil
}

// domainProblem says what keeps d (lower-cased) from being an email
// domain, "" when nothing does: a host name with a dot, whose labels are
// letters, digits and inner hyphens, and whose last label is no number
// (an address is no email domain).
func domainProblem(d string) string {
	q := strconv.Quote(d)
	if strings.Contains(d, "@") {
		return "Enter the domain alone, without a name and @: " + q + "."
	}
	if len(d) > 253 || !strings.Contains(d, ".") {
		return q + " is not a domain, like example.com."
	}
	labels := strings.Split(d, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return q + " is not a domain, like example.com."
		}
		for _, c := range l {
			if c > 127 {
				return "Write " + q + " in its xn-- form (its ASCII spelling)."
			}
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return q + " is not a domain, like example.com."
			}
		}
	}
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return q + " is not a domain, like example.com."
	}
	return ""
}

// orList writes domains as "a, b or c".
func orList(ds []string) string {
	if len(ds) < 2 {
		return strings.Join(ds, "")
	}
	return strings.Join(ds[:len(ds)-1], ", ") + " or " + ds[len(ds)-1]
}
