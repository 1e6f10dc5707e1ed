/**
 * 006: the exception queue at scale and alerts. The list pages by newest activity, so an index
 * matches its ORDER BY; counts by team/severity and age use covering indexes. Alerts are derived
 * from what is already recorded (an 'opened'/'reopened' event, a failed run), so each has a stable
 * key and is never repeated; per-team settings say which teams get desktop notifications.
 */
export const sql = `
-- covering: a deep page filtered by status, team or severity is read from the index alone
CREATE INDEX exceptions_seen_id ON exceptions (last_seen_at DESC, id DESC, status, team, severity, category);
CREATE INDEX exceptions_status_first_seen ON exceptions (status, first_seen_at);
CREATE INDEX exceptions_severity_status ON exceptions (severity, status);
CREATE INDEX exception_events_at_kind ON exception_events (at, kind);
CREATE INDEX sync_runs_started ON sync_runs (started_at);

CREATE TABLE alert_settings (
  team TEXT PRIMARY KEY CHECK (team IN ('finance','operations','ecommerce','cx')),
  desktop INTEGER NOT NULL CHECK (desktop IN (0,1))
);
INSERT INTO alert_settings (team, desktop) VALUES ('finance',1),('operations',1),('ecommerce',1),('cx',0);

`
