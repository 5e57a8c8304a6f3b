import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { whenSessionEnds } from "./api/clients";
import { isSigningOut, useSession } from "./api/session";
import { browserLanguage, LanguageProvider } from "./i18n/i18n";
import { loadCatalogue } from "./i18n/load-catalogue";
import { router } from "./router/router";
import { CurtainProvider } from "./ui/curtain";
import "./ui/styles.css";

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true }, mutations: { retry: false } },
});

// A page restored from the back-forward cache would show what was on screen: load it afresh.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) window.location.reload();
});

// The browser's language is most often the one read: its catalogue is fetched beside the session.
loadCatalogue(browserLanguage()).catch(() => undefined);

whenSessionEnds(() => {
  if (isSigningOut()) return;
  queryClient.clear();
  window.location.replace("/sign-in");
});

function Root() {
  const session = useSession();
  if (session.isPending) return <p className="loading" role="status" />;
  const chosen = session.data?.signedIn ? session.data.language : null;
  const language = chosen ?? browserLanguage();
  return (
    <LanguageProvider initial={language}>
      <CurtainProvider>
        <RouterProvider router={router} />
      </CurtainProvider>
    </LanguageProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
