package ui

// stateMe holds the signed-in api.Me, so that every page shows it at once
// while the shell refreshes it. It is deleted on sign-in and sign-out so that
// one person never sees another's.
const stateMe = "me"
