import { STREAMS, type StreamName } from "@relais/contracts";
import { type JetStreamManager, nanos, RetentionPolicy, StorageType, type StreamConfig } from "nats";

/**
 * How long a stream keeps an event, by default: a service that starts on an empty database replays
 * this much. Referrals announces each still-open call-back task again within it (its task-refresh
 * job), so a late consumer still learns every open task.
 */
export const STREAM_MAX_AGE_DAYS = 30;

export interface StreamSettings {
  replicas: number;
  /** How long events stay in a stream; they carry contact data, so this is bounded. */
  maxAgeDays?: number;
  /** JetStream deduplicates publishes with the same Nats-Msg-Id inside this window. */
  duplicateWindowMs?: number;
}

/** Creates or updates the named streams. Every service ensures the streams it publishes to and reads from. */
export async function ensureStreams(
  jsm: JetStreamManager,
  names: StreamName[],
  settings: StreamSettings,
): Promise<void> {
  for (const name of names) {
    const wanted: Partial<StreamConfig> = {
      name,
      subjects: [...STREAMS[name].subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: settings.replicas,
      max_age: nanos((settings.maxAgeDays ?? STREAM_MAX_AGE_DAYS) * 24 * 3_600_000),
      duplicate_window: nanos(settings.duplicateWindowMs ?? 120_000),
    };
    const existing = await jsm.streams.info(name).catch(() => undefined);
    if (!existing) {
      try {
        await jsm.streams.add(wanted);
        continue;
      } catch (error) {
        // Another service created it between our look-up and our add.
        if (!(await jsm.streams.info(name).catch(() => undefined))) throw error;
      }
    }
    const info = await jsm.streams.info(name);
    if (info.config.num_replicas !== settings.replicas) {
      await jsm.streams.update(name, { ...info.config, num_replicas: settings.replicas });
    }
  }
}
