// The story's view of what landed in people's inboxes: a tiny reader for the MIME that nodemailer
// writes (multipart, quoted-printable, base64, RFC 2047 subjects), shared by the e2e test (SMTP
// sink) and `pnpm demo` (.eml files under MAIL_DIR), so both check mail the same way.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

export interface Mail {
  /** The sink's arrival index, or the .eml file's path (relative to the working directory). */
  id: string;
  to: string[];
  from: string;
  subject: string;
  messageId: string;
  text: string;
  /** The calendar invite (the `text/calendar` part), when the message carries one. */
  ics: string | null;
}

export interface Mailbox {
  /** Every message that has arrived so far (for the demo: since the run started). */
  list(): Promise<Mail[]>;
}

interface Entity {
  headers: Map<string, string>;
  body: string;
}

function splitEntity(raw: string): Entity {
  const text = raw.replace(/\r\n/g, "\n");
  const end = text.indexOf("\n\n");
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? "" : text.slice(end + 2);
  const headers = new Map<string, string>();
  let current = "";
  const flush = () => {
    const colon = current.indexOf(":");
    if (colon > 0) headers.set(current.slice(0, colon).trim().toLowerCase(), current.slice(colon + 1).trim());
  };
  for (const line of head.split("\n")) {
    if (/^[ \t]/.test(line)) current += ` ${line.trim()}`;
    else {
      flush();
      current = line;
    }
  }
  flush();
  return { headers, body };
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`${name}="?([^";]+)"?`, "i").exec(header);
  return match?.[1];
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes);
}

function decodeBody(entity: Entity): string {
  const encoding = (entity.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(entity.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(entity.body).toString("utf8");
  return entity.body;
}

/** RFC 2047 encoded words, e.g. `=?UTF-8?Q?Inscription_confirm=C3=A9e?=`. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")).toString("utf8"),
    );
}

function leaves(entity: Entity): Entity[] {
  const type = entity.headers.get("content-type") ?? "text/plain";
  if (!/^multipart\//i.test(type)) return [entity];
  const boundary = param(type, "boundary");
  if (!boundary) return [];
  const parts = entity.body.split(`--${boundary}`).slice(1);
  return parts
    .filter((part) => !part.startsWith("--"))
    .flatMap((part) => leaves(splitEntity(part.replace(/^\n/, ""))));
}

function addresses(header: string | undefined): string[] {
  if (!header) return [];
  return [...header.matchAll(/[^\s<>,"]+@[^\s<>,"]+/g)].map((m) => m[0].toLowerCase());
}

export function parseMail(id: string, raw: string, envelopeTo?: string[]): Mail {
  const top = splitEntity(raw);
  const parts = leaves(top);
  const typeOf = (part: Entity) => (part.headers.get("content-type") ?? "text/plain").toLowerCase();
  const text = parts.find((p) => typeOf(p).startsWith("text/plain"));
  const calendar =
    parts.find((p) => typeOf(p).startsWith("text/calendar")) ??
    parts.find((p) => typeOf(p).startsWith("application/ics"));
  return {
    id,
    to: envelopeTo?.map((a) => a.toLowerCase()) ?? addresses(top.headers.get("to")),
    from: decodeWords(top.headers.get("from") ?? ""),
    subject: decodeWords(top.headers.get("subject") ?? ""),
    messageId: top.headers.get("message-id") ?? "",
    text: text ? decodeBody(text).trim() : "",
    // Unfolded (RFC 5545 §3.1), so a line can be searched whole.
    ics: calendar
      ? decodeBody(calendar)
          .replace(/\r\n/g, "\n")
          .replace(/\n[ \t]/g, "")
      : null,
  };
}

/** The `.eml` files a file-transport notifications service wrote into `dir` since `since`. */
export function mailFolder(dir: string, since: Date): Mailbox {
  const seen = new Map<string, Mail>();
  return {
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith(".eml"));
      } catch {
        return [];
      }
      for (const name of names) {
        const path = join(dir, name);
        if (seen.has(path)) continue;
        const info = await stat(path);
        // Earlier runs' mail stays in the folder; a second of slack for coarse file times.
        if (info.mtimeMs < since.getTime() - 1_000) continue;
        seen.set(path, parseMail(relative(process.cwd(), path), await readFile(path, "utf8")));
      }
      return [...seen.values()];
    },
  };
}

/** Polls the mailbox until a message matches, or fails naming what was awaited and what came. */
export async function waitForMail(
  mailbox: Mailbox,
  what: string,
  matches: (mail: Mail) => boolean,
  timeoutMs: number,
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await mailbox.list();
    const found = all.find(matches);
    if (found) return found;
    if (Date.now() > deadline) {
      const got = all.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ");
      throw new Error(`no mail for ${what} within ${timeoutMs} ms (mailbox: ${got || "empty"})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The lines of an invite worth showing a person: its method, then the series' own event. */
export function icsHighlights(ics: string): string[] {
  const lines = ics.split("\n");
  const method = lines.filter((line) => line.startsWith("METHOD:"));
  const start = lines.indexOf("BEGIN:VEVENT");
  const end = lines.indexOf("END:VEVENT", start);
  const keep =
    /^(UID|SEQUENCE|SUMMARY|DTSTART|DTEND|RRULE|EXDATE|RECURRENCE-ID|LOCATION|ORGANIZER|ATTENDEE)[;:]/;
  const event =
    start === -1 ? [] : lines.slice(start + 1, end === -1 ? undefined : end).filter((l) => keep.test(l));
  return [...method, ...event];
}
