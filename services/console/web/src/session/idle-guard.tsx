// Idle timeout in the browser, mirroring the console's: activity keeps the session alive (one
// keepalive at most every 30 s), a warning comes a minute before the end, and at the end the
// person is signed out. The console enforces the same limit on its side.
import { useEffect, useRef, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { consoleCall, type SignedInSession, signOut } from "../api/session";
import { useT } from "../i18n/i18n";
import { Button } from "../ui/button";

const KEEPALIVE_EVERY_MS = 30_000;
const WARN_BEFORE_MS = 60_000;

export function IdleGuard({ session }: { session: SignedInSession }) {
  const t = useT();
  const idleMs = session.idleMinutes * 60_000;
  const deadline = useRef(Date.now() + idleMs);
  const lastActivity = useRef(Date.now());
  const lastKeepalive = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    const events = ["pointerdown", "keydown", "touchstart", "wheel"] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true, capture: true });
    const keepalive = async () => {
      lastKeepalive.current = Date.now();
      try {
        await consoleCall("/auth/session/keepalive", { method: "POST" });
        deadline.current = lastKeepalive.current + idleMs;
      } catch {
        await signOut("idle");
      }
    };
    const tick = setInterval(() => {
      const now = Date.now();
      const warning = deadline.current - now <= WARN_BEFORE_MS;
      if (
        !warning &&
        lastActivity.current > lastKeepalive.current &&
        now - lastKeepalive.current >= KEEPALIVE_EVERY_MS
      ) {
        void keepalive();
      }
      const left = deadline.current - now;
      if (left <= 0) {
        clearInterval(tick);
        void signOut("idle");
        return;
      }
      setSecondsLeft(left <= WARN_BEFORE_MS ? Math.ceil(left / 1000) : null);
    }, 1_000);
    return () => {
      clearInterval(tick);
      for (const name of events) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleMs]);

  const stay = async () => {
    lastKeepalive.current = Date.now();
    await consoleCall("/auth/session/keepalive", { method: "POST" }).catch(() => signOut("idle"));
    deadline.current = lastKeepalive.current + idleMs;
    setSecondsLeft(null);
  };

  return (
    <ModalOverlay isOpen={secondsLeft !== null} className="overlay" isKeyboardDismissDisabled>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{t("idle.title")}</Heading>
          <p>{t("idle.body", { seconds: secondsLeft ?? 0 })}</p>
          <div className="actions">
            <Button onPress={stay} autoFocus>
              {t("idle.stay")}
            </Button>
            <Button variant="secondary" onPress={() => signOut()}>
              {t("nav.signOut")}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
