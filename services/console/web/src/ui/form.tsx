// The pieces every form repeats: its draft state bound to fields, the alert that says what the
// service refused, and the row of submit and cancel buttons.
import { type FormEvent, type ReactNode, useMemo, useState } from "react";
import { Form, type FormProps, type Key } from "react-aria-components";
import { type Problem, problemOf } from "../api/clients";
import { useT } from "../i18n/i18n";
import { newKey } from "../time/zoned";
import { Button } from "./button";

/** A form's submit handler that runs `submit` instead of sending the page away. */
export const submitInPlace = (submit: () => void) => (event: FormEvent) => {
  event.preventDefault();
  submit();
};

/** A value and its setter, as a controlled field takes them. */
export interface Bound<V> {
  value: V;
  onChange: (value: V) => void;
}

type KeyOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * A form's draft: `set(key, value)` changes one field; `bind(key)` wires a text field, radio or
 * checkbox group to it (`field(key)` names it by its key too), `choose(key)` a select and
 * `tick(key)` a single checkbox.
 */
export function useDraft<T extends object>(initial: T | (() => T)) {
  const [draft, setDraft] = useState<T>(initial);
  return { draft, setDraft, ...bindersOf(draft, setDraft) };
}

/**
 * The same binders for a draft held elsewhere: `update` receives each change. `namePrefix` goes
 * before the names `field` gives (a row of a list: `invitees.2.`).
 */
export function bindersOf<T extends object>(
  draft: T,
  update: (change: (d: T) => T) => void,
  namePrefix = "",
) {
  const set = <K extends keyof T>(key: K, value: T[K]) => update((d) => ({ ...d, [key]: value }));
  const bind = <K extends keyof T>(key: K): Bound<T[K]> => ({
    value: draft[key],
    onChange: (value) => set(key, value),
  });
  /** `bind` for a field whose name (the service's path for it) is its key in the draft. */
  const field = <K extends keyof T & string>(key: K) => ({ name: `${namePrefix}${key}`, ...bind(key) });
  const choose = <K extends KeyOf<T, string | null>>(key: K) => ({
    selectedKey: draft[key] as string | null,
    onSelectionChange: (k: Key | null) => set(key, String(k) as T[K]),
  });
  const tick = <K extends KeyOf<T, boolean>>(key: K) => ({
    isSelected: draft[key] as boolean,
    onChange: (value: boolean) => set(key, value as T[K]),
  });
  return { set, bind, field, choose, tick };
}

/**
 * A list's entry editor: which entry is open (`"new"`, an entry, or `null` while none is) and the
 * name of the one saved last; `done(name)` also closes the editor. `form` is what the open entry's
 * form takes: its `key` (`keyOf` the entry, so another entry gets a fresh form) and the `entry`
 * (none for a new one).
 */
export function useEntryEditor<T>(keyOf: (entry: T) => string) {
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const form =
    editing === null
      ? null
      : editing === "new"
        ? { key: "new", entry: undefined }
        : { key: keyOf(editing), entry: editing };
  return {
    editing,
    form,
    lastSaved,
    open: (entry: T | "new") => setEditing(entry),
    close: () => setEditing(null),
    done: (name: string) => {
      setLastSaved(name);
      setEditing(null);
    },
  };
}

/**
 * Sends `{ key, body }` through a mutation the service deduplicates by key: submitting again after
 * a failure reuses the key (the service answers a repeat once), and the key is renewed once the
 * service accepted the submission, so the next one is new.
 */
export function useKeyedSubmit<B, R>(mutation: {
  mutate: (input: { key: string; body: B }, options: Answered<R>) => void;
}) {
  const [key, setKey] = useState(newKey);
  return (body: B, { onSuccess, onError }: Partial<Answered<R>> = {}) =>
    mutation.mutate(
      { key, body },
      {
        onSuccess: (result) => {
          setKey(newKey());
          onSuccess?.(result);
        },
        onError: (error) => onError?.(error),
      },
    );
}

interface Answered<R> {
  onSuccess: (result: R) => void;
  onError: (error: unknown) => void;
}

/** The service's messages by form field name (the path, unless `nameOf` says otherwise). */
export function fieldErrorsOf(
  errors: Problem["errors"],
  nameOf: (path: string) => string = (path) => path,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const name = nameOf(e.path);
    out[name] = out[name] ? `${out[name]} ${e.message}` : e.message;
  }
  return out;
}

/** The service's problem for a failed mutation, and its messages by field path (for `validationErrors`). */
export function useFieldErrors(error: unknown) {
  const problem = problemOf(error);
  const fieldErrors = useMemo(() => fieldErrorsOf(problem?.errors), [problem]);
  return { problem, fieldErrors };
}

/**
 * A form the service validates: the fields it refused show its message in place (`problem`, or
 * `errors` already by field name), and submitting calls `onSubmit` without reloading the page.
 */
export function ServiceForm({
  problem,
  errors,
  nameOf,
  onSubmit,
  className = "form",
  ...props
}: Omit<FormProps, "onSubmit" | "validationErrors"> & {
  problem?: Problem;
  errors?: Record<string, string>;
  nameOf?: (path: string) => string;
  onSubmit: () => void;
}) {
  return (
    <Form
      validationBehavior="aria"
      {...props}
      className={className}
      validationErrors={errors ?? fieldErrorsOf(problem?.errors, nameOf)}
      onSubmit={submitInPlace(onSubmit)}
    />
  );
}

/**
 * What the service refused: `fix` (or a server-error line), then each field it named (unless
 * `listFields` is false, where the form shows them in place).
 */
export function ProblemAlert({
  problem,
  fix,
  listFields = true,
  children,
}: {
  problem: Problem;
  fix: string;
  listFields?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div role="alert" className="notice error">
      <p>{problem.status >= 500 ? t("common.serverError") : fix}</p>
      {listFields && problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}

/** The submit button, then a secondary cancel button (`onCancel`) or whatever `children` add. */
export function FormActions({
  submit,
  isPending,
  isDisabled,
  variant,
  cancel,
  onCancel,
  children,
}: {
  submit: ReactNode;
  isPending?: boolean;
  isDisabled?: boolean;
  variant?: "primary" | "danger";
  cancel?: ReactNode;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <Button type="submit" variant={variant} isPending={isPending} isDisabled={isDisabled}>
        {submit}
      </Button>
      {onCancel && (
        <Button variant="secondary" onPress={onCancel}>
          {cancel}
        </Button>
      )}
      {children}
    </div>
  );
}

/** A field's name is the first step of the service's path (`windows.0.endsOn` is `windows`'s). */
export const topField = (path: string) => path.split(".")[0] as string;
