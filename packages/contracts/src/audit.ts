/**
 * Every action a service writes on its audit trail. The kit's `recordAudit` takes only these, so a
 * new action is listed here first, and the console's catalogue test then asks for its sentence in
 * fr / nl / en (`messages/audit/`): a coordinator reads "Signalement consulté", not `referral.read`.
 * The CSV export keeps the codes.
 */
export const AUDIT_ACTIONS = [
  "access.denied",
  "retention.purge",
  // referrals
  "referral.create",
  "referral.read",
  "referral.lookup",
  "referral.status.read",
  "callback.claim",
  "callback.assign",
  "callback.attempt",
  "callback.outcome",
  "callback.announce",
  "criticality.assess",
  "criticality.read",
  "criticality_grid.publish",
  "criticality_grid.read",
  "route.put",
  "webhook.put",
  "webhook.test",
  "partner.create",
  "partner.update",
  "partner.archive",
  "partner.restore",
  "dead_letter.read",
  // groups
  "group.create",
  "group.update",
  "session.change",
  "session.cancel",
  "enrolment.create",
  "enrolment.completed",
  "enrolment.withdrawn",
  "enrolment.excluded",
  "enrolments.read",
  "roster.read",
  "attendance.record",
  "attendance_report.read",
  "mandate.set",
  "mandate.correct",
  "separation.create",
  "check_ins.read",
  "check_in.resolve",
  "calendar_feed.create",
  "calendar_feed.revoke",
  // notifications
  "contact.read",
  "contact.preferences.update",
  "message.list",
  "message.read",
  "message.retry",
  // housing
  "place.create",
  "place.update",
  "place.availability",
  "place.address.read",
  "placement.request",
  "placement.read",
  "placements.read",
  "placement.confirm",
  "placement.decline",
  "placement.extend",
  "placement.end",
  "placement.follow_up",
  // conferences
  "conference.schedule",
  "conference.update",
  "conference.cancel",
  "conference.list",
  "conference.read",
  "conference.minutes",
  "agenda_item.create",
  "agenda_item.update",
  "agenda_item.read",
  "decision.create",
  "action.update",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What an audit row is about (its `recordType`), for the rows a verb writes. The console says each
 * in fr / nl / en (`audit.record.<type>`); a refused attempt names the route's first segment
 * instead (`referrals` for `GET /v1/referrals/:id`), which the console shows beside the route.
 */
export const AUDIT_RECORD_TYPES = [
  "referral",
  "person",
  "callback",
  "callback_task",
  "criticality_grid",
  "route",
  "police_zone",
  "partner",
  "organisation",
  "dead_letter",
  "group",
  "session",
  "enrolment",
  "check_in",
  "placement",
  "calendar_feed",
  "contact",
  "message",
  "place",
  "conference",
  "agenda_item",
  "decision",
  "action",
] as const;

export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];
