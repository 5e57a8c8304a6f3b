// The person's private calendar feed: create it, copy its address, show it as a QR code for a
// phone, revoke it. The QR library loads only on this screen, when a code is drawn.
import { useEffect, useState } from "react";
import { type CalendarFeed, useCreateFeed, useCurrentFeed, useRevokeFeed } from "../../api/calendar-feed";
import { useT } from "../../i18n/i18n";
import { Button, TextField } from "../../ui/fields";
import { Page } from "../../ui/layout";
import "../../ui/staff.css";
import { Notice, Refusal } from "../../ui/notice";

export function CalendarFeedScreen() {
  const t = useT();
  const feed = useCurrentFeed();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const current = feed.data ?? null;
  return (
    <Page title={t("feed.title")}>
      <p className="hint">{t("feed.hint")}</p>
      {revoke.isSuccess && !current && <Notice tone="success">{t("feed.revoked")}</Notice>}
      <Refusal error={create.error ?? revoke.error} />
      {current ? (
        <FeedCard feed={current} onRevoke={() => revoke.mutate(current.id)} revoking={revoke.isPending} />
      ) : (
        <div className="card">
          <p>{t("feed.none")}</p>
          <div className="actions">
            <Button onPress={() => create.mutate()} isPending={create.isPending}>
              {t("feed.create")}
            </Button>
          </div>
        </div>
      )}
      {current && (
        <div className="actions">
          <Button variant="secondary" onPress={() => create.mutate()} isPending={create.isPending}>
            {t("feed.replace")}
          </Button>
        </div>
      )}
    </Page>
  );
}

function FeedCard({
  feed,
  onRevoke,
  revoking,
}: {
  feed: CalendarFeed;
  onRevoke: () => void;
  revoking: boolean;
}) {
  const t = useT();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSvg(null);
    void import("qrcode").then(async (qr) => {
      const drawn = await qr.toString(feed.url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      if (live) setSvg(drawn);
    });
    return () => {
      live = false;
    };
  }, [feed.url]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied("yes");
    } catch {
      // Outside a secure context there is no clipboard: the field is there to select by hand.
      setCopied("no");
    }
  };
  return (
    <section className="card feed-card" aria-labelledby="feed-created">
      <h2 id="feed-created">{t("feed.created")}</h2>
      <p className="notice warning">{t("feed.secret")}</p>
      <TextField label={t("feed.url")} value={feed.url} isReadOnly />
      <div className="actions">
        <Button onPress={() => void copy()}>{t("feed.copy")}</Button>
        <Button variant="danger" onPress={onRevoke} isPending={revoking}>
          {t("feed.revoke")}
        </Button>
      </div>
      {copied && (
        <p role="status" className={copied === "yes" ? "notice success" : "notice warning"}>
          {copied === "yes" ? t("feed.copied") : t("feed.copyByHand")}
        </p>
      )}
      <figure className="feed-qr">
        {svg ? (
          // The library's own SVG markup (paths only, no script), drawn from the feed's address.
          <div role="img" aria-label={t("feed.qrLabel")} dangerouslySetInnerHTML={{ __html: svg }} />
        ) : (
          <p role="status">{t("common.loading")}</p>
        )}
        <figcaption>{t("feed.qrCaption")}</figcaption>
      </figure>
    </section>
  );
}
