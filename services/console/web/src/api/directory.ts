// The local resource directory (referrals, issue 17): search, one entry, and the coordinator's
// changes. Filters travel in the query string of the API call only, never in the screen's URL.
import { keepPreviousData } from "@tanstack/react-query";
import { $referrals, referralsApi, unwrap, useRefreshingMutation } from "./clients";
import type { PartnerCategory, PartnerInput, PartnerLanguage } from "./generated/referrals";

export { PARTNER_CATEGORIES, PARTNER_LANGUAGES } from "@relais/contracts/directory";
export type { Partner, PartnerCategory, PartnerInput, PartnerLanguage } from "./generated/referrals";

export interface PartnerFilters {
  municipality?: string;
  category?: PartnerCategory;
  language?: PartnerLanguage;
  archived?: "exclude" | "include" | "only";
}

export function usePartners(filters: PartnerFilters, enabled = true) {
  const query = {
    limit: 100,
    ...(filters.municipality?.trim() ? { municipality: filters.municipality.trim() } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.archived ? { archived: filters.archived } : {}),
  };
  return $referrals.useQuery(
    "get",
    "/v1/directory/partners",
    { params: { query } },
    { select: (page) => page.items, enabled, placeholderData: keepPreviousData },
  );
}

/** Every entry, archived ones too: the statistics name entries by id. */
export function useAllPartners(enabled = true) {
  return usePartners({ archived: "include" }, enabled);
}

const PARTNERS = ["get", "/v1/directory/partners"] as const;

export function useSavePartner(key: string) {
  return useRefreshingMutation(PARTNERS, async ({ id, body }: { id?: string; body: PartnerInput }) =>
    id
      ? unwrap(await referralsApi.PUT("/v1/directory/partners/{id}", { params: { path: { id } }, body }))
      : unwrap(
          await referralsApi.POST("/v1/directory/partners", {
            params: { header: { "idempotency-key": key } },
            body,
          }),
        ),
  );
}

export function useArchivePartner() {
  return useRefreshingMutation(PARTNERS, async ({ id, archived }: { id: string; archived: boolean }) =>
    unwrap(
      archived
        ? await referralsApi.POST("/v1/directory/partners/{id}/archive", { params: { path: { id } } })
        : await referralsApi.POST("/v1/directory/partners/{id}/restore", { params: { path: { id } } }),
    ),
  );
}
