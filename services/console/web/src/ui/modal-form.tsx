// A short form in a dialog over the page: the fields, what the service refused, and the submit and
// close buttons. Closing leaves the page as it was.
import type { ReactNode } from "react";
import { Form } from "react-aria-components";
import { useT } from "../i18n/i18n";
import { FormActions, submitInPlace } from "./form";
import { ModalDialog } from "./modal-dialog";

export function ModalForm({
  isOpen,
  onOpenChange,
  onClose,
  title,
  onSubmit,
  submit,
  submitVariant,
  isPending,
  error,
  children,
}: {
  isOpen: boolean;
  /** When the dialog is dismissed (Escape, a press outside it). */
  onOpenChange: (open: boolean) => void;
  /** The close button. */
  onClose: () => void;
  title: string;
  onSubmit: () => void;
  submit: string;
  submitVariant?: "primary" | "danger";
  isPending: boolean;
  /** What went wrong, once it did (`false` while nothing did). */
  error: ReactNode | false;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={onOpenChange} title={title}>
      <Form className="form" onSubmit={submitInPlace(onSubmit)}>
        {children}
        {error !== false && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
        <FormActions
          submit={submit}
          variant={submitVariant}
          isPending={isPending}
          cancel={t("sessions.close")}
          onCancel={onClose}
        />
      </Form>
    </ModalDialog>
  );
}
