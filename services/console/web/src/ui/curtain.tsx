// The privacy curtain: one button, or Shift pressed three times, covers the whole screen at once
// until the person unlocks it. Nothing of the page shows through, not even its title.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useT } from "../i18n/i18n";
import { Button } from "./button";

const CurtainContext = createContext<{ close: () => void; open: () => void }>({
  close: () => {},
  open: () => {},
});
export const useCurtain = () => useContext(CurtainContext);

const TRIPLE_SHIFT_MS = 1_200;

export function CurtainProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [closed, setClosed] = useState(false);
  useEffect(() => {
    let presses: number[] = [];
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Shift" || event.repeat) return;
      const now = performance.now();
      presses = [...presses.filter((at) => now - at < TRIPLE_SHIFT_MS), now];
      if (presses.length >= 3) {
        presses = [];
        setClosed(true);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
  const value = useMemo(() => ({ close: () => setClosed(true), open: () => setClosed(false) }), []);
  return (
    <CurtainContext.Provider value={value}>
      <div aria-hidden={closed || undefined} className={closed ? "behind-curtain" : undefined}>
        {children}
      </div>
      <ModalOverlay isOpen={closed} className="curtain" isKeyboardDismissDisabled>
        <Modal className="curtain-modal">
          <Dialog className="curtain-dialog" aria-label={t("curtain.label")}>
            <Heading slot="title" className="curtain-brand">
              Relais
            </Heading>
            <Button variant="secondary" onPress={() => setClosed(false)} autoFocus>
              {t("curtain.unlock")}
            </Button>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </CurtainContext.Provider>
  );
}
