// Where a police zone's webhook may point. The delivery log shows each attempt's status and
// error, so a webhook aimed inside the network would let a coordinator probe its hosts and ports
// (and the cloud's metadata address): a target must be https on a public address. Development
// (a receiver on this machine) may allow any (`WEBHOOK_TARGETS=any`).
import ipaddr from "ipaddr.js";

export type WebhookTargets = "public" | "any";

/** Names that never lead outside the machine or the site's network. */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)$/i;

/** Why `url` may not receive webhooks under `targets`; null when it may. */
export function webhookTargetRefusal(url: string, targets: WebhookTargets): string | null {
  if (targets === "any") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a URL";
  }
  if (parsed.protocol !== "https:") return "not https";
  const host = hostOf(parsed);
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : "not a public address";
  if (!host.includes(".") || LOCAL_NAMES.test(host.replace(/\.$/, ""))) return "a local name";
  return null;
}

/** A URL's host as a name or a bare IP address (an IPv6 one without its brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/** Whether an IP address (v4 or v6, an IPv4-mapped v6 read as its v4) is a public unicast one. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}
