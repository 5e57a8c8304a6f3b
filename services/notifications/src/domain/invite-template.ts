// A series' calendar built once and stamped per recipient. Every enrolment in a group gets the same
// .ics except for its UID, SEQUENCE, DTSTAMP and ATTENDEE lines; building it with ical-generator
// took ~3 ms an enrolment (most of it folding lines a character at a time), so the fan-out of a
// large group spent more time writing calendars than sending them. The template is ical-generator's
// own output for a stand-in recipient; a recipient's copy replaces only those four lines, each
// escaped by ical-generator's own `escape` and folded as its `foldLines` folds, so the file is byte
// for byte what a fresh build gives (invite-template.test.ts compares them).
import { escape as escapeText, formatDate } from "ical-generator";

/** What a template is built from: the invite input with a stand-in for what varies per recipient. */
export interface TemplateStandIns {
  uid: string;
  sequence: number;
  now: Date;
  recipient: { email: string; name?: string };
}

type Part = string | { slot: "uid" | "sequence" | "stamp" | "attendee"; line: string };

export interface InviteTemplate {
  render(input: {
    uid: string;
    sequence: number;
    now: Date;
    recipient: { email: string; name?: string };
  }): string;
}

// Control characters no series, name or address carries: they mark what a recipient fills in.
const UID = "\u0001uid\u0001";
const EMAIL = "\u0001email\u0001";
const NAME = "\u0001name\u0001";
// A SEQUENCE and DTSTAMP no real invite has, recognised as whole lines.
const SEQUENCE = 987_654_321;
const STAMP = new Date("1970-01-01T00:00:00.000Z");

/** The stand-ins to build the template with; `named`: whether the recipient's name is written. */
export function standIns(named: boolean): TemplateStandIns {
  return {
    uid: UID,
    sequence: SEQUENCE,
    now: STAMP,
    recipient: { email: EMAIL, name: named ? NAME : undefined },
  };
}

/**
 * Splits a calendar built with `standIns(...)` into fixed text and recipient lines; null when its
 * shape is not the expected one (each VEVENT with exactly one of each line), so the caller builds
 * the file in full instead.
 */
export function parseTemplate(built: string, events: number): InviteTemplate | null {
  const stamp = `DTSTAMP:${formatDate(null, STAMP)}`;
  const parts: Part[] = [];
  const counts = { uid: 0, sequence: 0, stamp: 0, attendee: 0 };
  let fixed: string[] = [];
  const physical = built.split("\r\n");
  for (let i = 0; i < physical.length; i++) {
    // A content line and its folded continuations (which start with a space).
    let end = i;
    while (end + 1 < physical.length && physical[end + 1]!.startsWith(" ")) end++;
    const folded = physical.slice(i, end + 1);
    const line =
      folded[0] +
      folded
        .slice(1)
        .map((continuation) => continuation.slice(1))
        .join("");
    const slot =
      line === `UID:${UID}`
        ? "uid"
        : line === `SEQUENCE:${SEQUENCE}`
          ? "sequence"
          : line === stamp
            ? "stamp"
            : line.startsWith("ATTENDEE") && line.includes(EMAIL)
              ? "attendee"
              : undefined;
    if (slot) {
      if (fixed.length > 0) parts.push(fixed.join("\r\n"));
      fixed = [];
      parts.push({ slot, line });
      counts[slot]++;
    } else {
      // A stand-in anywhere else (it would leak into every recipient's copy): not a template.
      if (line.includes("\u0001") || line.includes(String(SEQUENCE))) return null;
      fixed.push(folded.join("\r\n"));
    }
    i = end;
  }
  if (fixed.length > 0) parts.push(fixed.join("\r\n"));
  if (Object.values(counts).some((count) => count !== events)) return null;
  return {
    render(input) {
      const lines = parts.map((part) => {
        if (typeof part === "string") return part;
        if (part.slot === "uid") return foldLine(`UID:${input.uid}`);
        if (part.slot === "sequence") return `SEQUENCE:${input.sequence}`;
        if (part.slot === "stamp") return `DTSTAMP:${formatDate(null, input.now)}`;
        return foldLine(
          part.line
            .replace(EMAIL, () => escapeText(input.recipient.email, false))
            .replace(NAME, () => escapeText(input.recipient.name ?? "", true)),
        );
      });
      return lines.join("\r\n");
    },
  };
}

/**
 * ical-generator's `foldLines` for one line: a break before the character that would take the
 * line past 74 bytes of UTF-8, a surrogate pair kept whole. Its own measures each character with
 * a new TextEncoder, ~1 µs a character: most of what an attendee line cost.
 */
function foldLine(line: string): string {
  let result = "";
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    let ch = line.charAt(i);
    if (ch >= "\ud800" && ch <= "\udbff") ch += line.charAt(++i);
    const code = ch.charCodeAt(0);
    const size = ch.length > 1 ? Buffer.byteLength(ch, "utf8") : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    bytes += size;
    if (bytes > 74) {
      result += "\r\n ";
      bytes = size;
    }
    result += ch;
  }
  return result;
}
