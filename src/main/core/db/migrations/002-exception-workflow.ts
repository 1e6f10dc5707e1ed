/**
 * 002: exceptions become a workflow: who owns one, why it was ignored, and a history that
 * records every status change with its actor. Retry scopes are kept on the run.
 */
export const sql = `
ALTER TABLE exceptions ADD COLUMN assignee TEXT;
ALTER TABLE exceptions ADD COLUMN status_reason TEXT;
ALTER TABLE exception_events ADD COLUMN actor TEXT NOT NULL DEFAULT 'system';
ALTER TABLE exception_events ADD COLUMN from_status TEXT;
ALTER TABLE exception_events ADD COLUMN to_status TEXT;
CREATE INDEX exceptions_team_status ON exceptions (team, status);
CREATE INDEX exceptions_category ON exceptions (category);
CREATE INDEX postings_order_state ON postings (state, centra_order_id);
`
