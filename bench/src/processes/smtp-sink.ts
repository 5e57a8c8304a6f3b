// The SMTP sink in its own process, so parsing what arrives does not take CPU from the sender
// being measured. Answers IPC requests with counts and the keys it saw more than once.
import { startSmtpSink } from "@relais/testing";

const sink = await startSmtpSink();
const seen = new Map<string, number>();
let counted = 0;

// Each message is identified by its recipients and subject: a resend of the same reminder repeats both.
function countNew(): void {
  for (; counted < sink.messages.length; counted++) {
    const message = sink.messages[counted]!;
    const key = `${message.envelope.to.join(",")}|${message.parsed.subject ?? ""}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
}

export type SinkRequest = { type: "stats" } | { type: "arrivals" } | { type: "clear" } | { type: "close" };
export interface SinkStats {
  count: number;
  unique: number;
  duplicates: number;
  firstAt: number | null;
  lastAt: number | null;
}

let firstAt: number | null = null;
let lastAt: number | null = null;
/** Wall-clock arrival (ms) per message, in order: the moment the sink had the whole message. */
let arrivals: Array<[to: string, at: number]> = [];
const push = sink.messages.push.bind(sink.messages);
sink.messages.push = (...items) => {
  const now = Date.now();
  firstAt ??= now;
  lastAt = now;
  for (const item of items) arrivals.push([item.envelope.to.join(","), now]);
  return push(...items);
};

process.on("message", async (request: SinkRequest) => {
  if (request.type === "stats") {
    countNew();
    const duplicates = [...seen.values()].reduce((sum, n) => sum + (n - 1), 0);
    const stats: SinkStats = { count: sink.messages.length, unique: seen.size, duplicates, firstAt, lastAt };
    process.send?.({ type: "stats", stats });
  } else if (request.type === "arrivals") {
    process.send?.({ type: "arrivals", arrivals });
  } else if (request.type === "clear") {
    sink.clear();
    seen.clear();
    counted = 0;
    firstAt = null;
    lastAt = null;
    arrivals = [];
    process.send?.({ type: "cleared" });
  } else {
    await sink.close();
    process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready", port: sink.port });
