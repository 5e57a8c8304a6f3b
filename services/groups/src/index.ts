// What other packages of the monorepo (the bench) may use of groups: the recurrence expansion.
// Importing through here, not by file path, makes a rename a type error instead of a silently
// skipped figure.
export { type ExpandedSchedule, expandSchedule, type Schedule } from "./domain/recurrence.js";
