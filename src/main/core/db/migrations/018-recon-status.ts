/**
 * 018: what the last month-end summary of a period found, kept so the Overview's month-end card
 * reads one row instead of working the summary out again (seconds on a busy month), and still has
 * its figures after a restart. Written each time the summary is worked out; `computed_at` lets the
 * card say how old they are.
 */
export const sql = `
CREATE TABLE recon_status (
  period TEXT PRIMARY KEY,
  computed_at TEXT NOT NULL,
  undecided INTEGER NOT NULL,
  checks INTEGER NOT NULL,
  failed_checks_json TEXT NOT NULL
);
`
