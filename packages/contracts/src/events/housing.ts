// Events of emergency housing (issue 17, the Astree scheme). A place's address is the most
// dangerous datum in the system: it leaves housing only sealed for notifications, which opens it
// to send the person placed one discreet message.
import { z } from "zod";
import { Language, PersonRef, Sealed, TimeZone } from "../common.js";
import { defineEvent } from "../envelope.js";

/** A calendar date in the place's zone, `YYYY-MM-DD`: a night is the date it starts on. */
export const LocalDate = z.iso.date({ error: "expected a date as YYYY-MM-DD" });
export type LocalDate = z.infer<typeof LocalDate>;

export const PlaceKind = z.enum(["hotel_room", "apartment", "shelter_room"]);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** Where a stay ended (Astree: the aim is durable housing, not a return to emergency circuits). */
export const StayExit = z.enum(["durable_housing", "back_home", "elsewhere", "unknown"]);
export type StayExit = z.infer<typeof StayExit>;

/** What notifications finds once it opens `sealed` of `housing.placement.confirmed`. */
export const PlacementAddressSealed = z.object({ address: z.string().min(1).max(300) });
export type PlacementAddressSealed = z.infer<typeof PlacementAddressSealed>;

export const PlacementConfirmed = defineEvent(
  "housing.placement.confirmed",
  1,
  z.object({
    placementId: z.string(),
    personRef: PersonRef,
    referralId: z.string().optional(),
    householdSize: z.number().int().positive(),
    /** First night and the morning the stay is planned to end, in `timeZone`. */
    startDate: LocalDate,
    plannedEndDate: LocalDate,
    timeZone: TimeZone,
    /** The language to write in when the person's contact does not say. */
    language: Language.optional(),
    /** `PlacementAddressSealed` sealed for notifications: only it, and housing staff, read it. */
    sealed: Sealed,
  }),
);

export const PlacementExtended = defineEvent(
  "housing.placement.extended",
  1,
  z.object({ placementId: z.string(), personRef: PersonRef, plannedEndDate: LocalDate }),
);

export const PlacementEnded = defineEvent(
  "housing.placement.ended",
  1,
  z.object({
    placementId: z.string(),
    personRef: PersonRef,
    exit: StayExit,
    endDate: LocalDate,
    /** When the requesting team follows the person up. */
    followUpDue: LocalDate,
  }),
);
