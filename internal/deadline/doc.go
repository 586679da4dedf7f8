// Package deadline stores what the pure calendar package cannot: holiday
// notices an administrator imported after the release, regional holidays,
// the rule catalogue's local changes (confirmed U rules, a region's own
// length with its own citation), and the deadline monitor — statutory
// deadlines other capabilities register, listed per user and turned into
// home-page reminders. Every change is audited in its own transaction.
//
// The effective calendar and catalogue are cached in memory; a change made
// through this Service drops the cache at once, a change made by another
// process (the CLI) is seen within cacheTTL.
package deadline
