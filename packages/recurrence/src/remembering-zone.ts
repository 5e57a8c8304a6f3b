// An IANA zone that remembers luxon's last answer. Placing a wall-clock time asks the zone for the
// offset at the same instant twice in a row (once to settle the offset, once when the DateTime is
// built); answering the second from memory halves the Intl look-ups of a recurrence expansion.
// Every offset still comes from luxon's IANAZone: nothing here knows a rule of any zone.
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from "luxon";

export class RememberingZone extends Zone {
  private readonly zone: IANAZone;
  private lastTs = Number.NaN;
  private lastOffset = 0;

  constructor(name: string) {
    super();
    this.zone = IANAZone.create(name);
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
      this.lastOffset = this.zone.offset(ts);
      this.lastTs = ts;
    }
    return this.lastOffset;
  }
  override equals(other: Zone): boolean {
    return other.type === this.type && other.name === this.name;
  }
}
