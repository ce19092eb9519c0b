package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolesconsole/console/server/servertest"
)

// A toggle of the matrix is recorded in the audit log, and undoing it there
// puts the matrix back as it was.
func TestUndoAMatrixChangeFromTheAuditLog(t *testing.T) {
	e := servertest.Start(t)
	b := newBrowser(t, 1280, 900)
	b.openRoles(e.URL, e.Email, e.Password)

	cell := el("matrix-cell-read_only-events.create")
	if eval[bool](b, pressed(cell)) {
		t.Fatal("Read-Only already creates events")
	}
	b.run("granting events.create to Read-Only", chromedp.Click(byID("matrix-cell-read_only-events.create")))
	b.waitTrue(10*time.Second, "the cell saves", el("matrix-cell-state-read_only-events.create")+`.textContent === "Saved"`)

	b.run("opening the audit log",
		jsClick("nav-audit"),
		chromedp.WaitVisible(byID("page-audit")),
		chromedp.WaitVisible(`[data-testid^="audit-revert-"]`),
	)
	revert := eval[string](b, `document.querySelector('[data-testid^="audit-revert-"]').dataset.testid`)
	id := strings.TrimPrefix(revert, "audit-revert-")
	entry := b.text("audit-entry-" + id)
	for _, want := range []string{"events.create", "Read-Only", "Demo Owner"} {
		if !strings.Contains(entry, want) {
			t.Errorf("newest entry lacks %q: %q", want, entry)
		}
	}
	b.screenshot("audit-desktop")

	b.run("asking to undo", chromedp.Click(byID(revert)), chromedp.WaitVisible(byID("confirm-dialog")))
	if title := b.text("confirm-dialog"); !strings.Contains(title, "Undo: ") || !strings.Contains(title, "events.create") {
		t.Errorf("confirmation reads %q", title)
	}
	if focused := b.focused(); focused != "confirm-cancel" {
		t.Errorf("focus in the dialog is on %q; want confirm-cancel", focused)
	}
	b.screenshot("audit-confirm")
	b.run("undoing", chromedp.Click(byID("confirm-ok")), chromedp.WaitNotPresent(byID("confirm-dialog")))
	b.within(10*time.Second, "the entry marked reverted", chromedp.WaitVisible(byID("audit-reverted-"+id)))
	if n := eval[int](b, `document.querySelectorAll('[data-testid="`+revert+`"]').length`); n != 0 {
		t.Error("the undone entry can still be undone")
	}
	if focused := b.focused(); focused != "audit-entry-"+id {
		t.Errorf("after the undo the focus is on %q; want the entry", focused)
	}
	b.screenshot("audit-reverted")

	b.run("back to the matrix",
		jsClick("nav-roles"),
		chromedp.WaitVisible(byID("matrix-cell-read_only-events.create")),
	)
	b.waitTrue(10*time.Second, "the cell is off again", `!`+pressed(cell))
}
