// An IANA zone that remembers its last answer, and asks `Intl` for offsets in one formatted string
// ("GMT+01:00") rather than through luxon's `formatToParts`, ~4× cheaper: an expansion asks once
// per session. Every offset comes from the platform's IANA data (luxon's own answer for anything
// that is not a whole ±HH:MM, such as a local mean time of the 19th century): nothing here knows
// a rule of any zone. recurrence.test.ts checks the answers equal luxon's IANAZone's.
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from "luxon";

const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2}))?$/;

export class RememberingZone extends Zone {
  private readonly zone: IANAZone;
  private lastTs = Number.NaN;
  private lastOffset = 0;

  /** The same IANA data through `Intl` in one string ("GMT+01:00"): ~4× cheaper than luxon's parts. */
  private readonly longOffset: Intl.DateTimeFormat | undefined;

  constructor(name: string) {
    super();
    this.zone = IANAZone.create(name);
    try {
      this.longOffset = this.zone.isValid
        ? new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" })
        : undefined;
    } catch {
      this.longOffset = undefined;
    }
  }

  override get type(): string {
    return this.zone.type;
  }
  override get name(): string {
    return this.zone.name;
  }
  get ianaName(): string {
    return this.zone.name;
  }
  override get isUniversal(): boolean {
    return this.zone.isUniversal;
  }
  override get isValid(): boolean {
    return this.zone.isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.zone.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.zone.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    if (ts !== this.lastTs) {
      this.lastOffset = this.intlOffset(ts) ?? this.zone.offset(ts);
      this.lastTs = ts;
    }
    return this.lastOffset;
  }

  /** Minutes east of UTC as Intl names them; undefined (luxon decides) for anything but ±HH:MM. */
  private intlOffset(ts: number): number | undefined {
    if (!this.longOffset || !Number.isFinite(ts)) return undefined;
    const match = LONG_OFFSET.exec(this.longOffset.format(ts));
    if (!match) return undefined;
    if (!match[1]) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }
  override equals(other: Zone): boolean {
    return other.type === this.type && other.name === this.name;
  }
}
