/**
 * A todo's deadline as the contract writes it, from its two columns: a
 * floating local time, or a date alone (all day). Read as text, so that no
 * time zone of this process or of the database can move it.
 */
export const DEADLINE_TEXT = `to_char(deadline_at, CASE WHEN deadline_all_day THEN 'YYYY-MM-DD'
  ELSE 'YYYY-MM-DD"T"HH24:MI:SS' END)`;
