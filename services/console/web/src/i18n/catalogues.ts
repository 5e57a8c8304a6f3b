// The console's message catalogues by language, whole: the browser tests read them, and the app
// types its message ids against the English one (the app itself fetches one language at a time,
// see load-catalogue.ts, so nothing here is in its bundle).
import auditEn from "./messages/audit/en.json";
import auditFr from "./messages/audit/fr.json";
import auditNl from "./messages/audit/nl.json";
import conferencesEn from "./messages/conferences/en.json";
import conferencesFr from "./messages/conferences/fr.json";
import conferencesNl from "./messages/conferences/nl.json";
import criticalityEn from "./messages/criticality/en.json";
import criticalityFr from "./messages/criticality/fr.json";
import criticalityNl from "./messages/criticality/nl.json";
import directoryEn from "./messages/directory/en.json";
import directoryFr from "./messages/directory/fr.json";
import directoryNl from "./messages/directory/nl.json";
import baseEn from "./messages/en.json";
import fieldsEn from "./messages/fields/en.json";
import fieldsFr from "./messages/fields/fr.json";
import fieldsNl from "./messages/fields/nl.json";
import baseFr from "./messages/fr.json";
import housingEn from "./messages/housing/en.json";
import housingFr from "./messages/housing/fr.json";
import housingNl from "./messages/housing/nl.json";
import baseNl from "./messages/nl.json";
import problemsEn from "./messages/problems/en.json";
import problemsFr from "./messages/problems/fr.json";
import problemsNl from "./messages/problems/nl.json";

// The main catalogue plus one per feature (messages/<feature>/<language>.json), so a feature's
// texts stay together for translators and its keys never collide with another's.
export const en = {
  ...baseEn,
  ...auditEn,
  ...conferencesEn,
  ...criticalityEn,
  ...directoryEn,
  ...fieldsEn,
  ...housingEn,
  ...problemsEn,
};
export const fr = {
  ...baseFr,
  ...auditFr,
  ...conferencesFr,
  ...criticalityFr,
  ...directoryFr,
  ...fieldsFr,
  ...housingFr,
  ...problemsFr,
};
export const nl = {
  ...baseNl,
  ...auditNl,
  ...conferencesNl,
  ...criticalityNl,
  ...directoryNl,
  ...fieldsNl,
  ...housingNl,
  ...problemsNl,
};
