/**
 * 008: a posting whose outcome is unknown (the ERP may still be working on a request we gave up
 * on — Business Central can finish one minutes later) waits until `not_before` before it is
 * looked up and sent again.
 */
export const sql = `
ALTER TABLE postings ADD COLUMN not_before TEXT;
`
