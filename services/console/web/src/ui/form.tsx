// The pieces every form repeats: its draft state bound to fields, the alert that says what the
// service refused, and the row of submit and cancel buttons.
import type { FieldCode } from "@relais/contracts";
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Form, type FormProps, type Key } from "react-aria-components";
import { useIntl } from "react-intl";
import { type FieldProblem, type Problem, problemOf } from "../api/clients";
import { type MessageId, useMaybeT, useT } from "../i18n/i18n";
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

/** The message of a field code: every code the services write has one (the compiler checks). */
const fieldMessageId = (code: FieldCode): MessageId => `field.${code}`;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a refused field breaks, in the reader's language: the `field.<code>` message with the
 * service's values (a date written out), never the service's English. A code this console does
 * not know yet (a newer service) reads as `field.invalid`.
 */
export function useFieldMessage() {
  const intl = useIntl();
  return useCallback(
    (e: FieldProblem) => {
      const id =
        e.code && Object.hasOwn(intl.messages, fieldMessageId(e.code))
          ? fieldMessageId(e.code)
          : "field.invalid";
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(e.params ?? {}))
        values[name] =
          typeof value === "string" && ISO_DATE.test(value)
            ? intl.formatDate(`${value}T00:00:00Z`, { dateStyle: "long", timeZone: "UTC" })
            : value;
      return intl.formatMessage({ id }, values);
    },
    [intl],
  );
}

/** The refused fields' messages by form field name (the path, unless `nameOf` says otherwise). */
export function fieldErrorsOf(
  errors: Problem["errors"],
  say: (e: FieldProblem) => string,
  nameOf: (path: string) => string = (path) => path,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const name = nameOf(e.path);
    out[name] = out[name] ? `${out[name]} ${say(e)}` : say(e);
  }
  return out;
}

/** The service's problem for a failed mutation, and its messages by field path (for `validationErrors`). */
export function useFieldErrors(error: unknown) {
  const problem = problemOf(error);
  const say = useFieldMessage();
  const fieldErrors = useMemo(() => fieldErrorsOf(problem?.errors, say), [problem, say]);
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
  const say = useFieldMessage();
  // A refused field's message goes as soon as the person types in it, not when it loses focus:
  // cleared on blur, a message of two lines moved the submit button away between the press and
  // the release of the very tap meant for it. A submission shows them all again. The names typed
  // in are a ref, not state: the draft's own change renders the form again, and a render of its
  // own during the input event would put the old value back before React read the new one.
  const edited = useRef(new Set<string>());
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const element = form.current;
    const typed = (event: Event) => {
      const { name } = event.target as HTMLInputElement;
      if (name) edited.current.add(name);
    };
    element?.addEventListener("input", typed);
    return () => element?.removeEventListener("input", typed);
  }, []);
  const refused = errors ?? fieldErrorsOf(problem?.errors, say, nameOf);
  const shown = Object.fromEntries(Object.entries(refused).filter(([name]) => !edited.current.has(name)));
  return (
    <Form
      validationBehavior="aria"
      {...props}
      className={className}
      validationErrors={shown}
      ref={form}
      onSubmit={submitInPlace(() => {
        edited.current = new Set();
        onSubmit();
      })}
    />
  );
}

/**
 * The sentence for a broken domain rule (`problem.<code>`, messages/problems/: "Cette séance est
 * annulée." for `session_cancelled`); undefined for a kit code, said by its status instead.
 */
export function useRuleSentence(): (code: string | undefined) => string | undefined {
  const maybe = useMaybeT();
  return (code) => (code === undefined ? undefined : maybe(`problem.${code}`));
}

/**
 * What the service refused: `fix` (or a server-error line), then each field it named (unless
 * `listFields` is false, where the form shows them in place).
 */
export function ProblemAlert({
  problem,
  fix,
  codes = {},
  listFields = true,
  labelOf,
  children,
}: {
  problem: Problem;
  fix: string;
  /** The screen's own sentence for a rule's code, before the rule's sentence and `fix`. */
  codes?: Record<string, string>;
  listFields?: boolean;
  labelOf?: (path: string) => string | undefined;
  children?: ReactNode;
}) {
  const t = useT();
  const rule = useRuleSentence();
  const said = (problem.code === undefined ? undefined : codes[problem.code]) ?? rule(problem.code);
  return (
    <div role="alert" className="notice error">
      <p>{problem.status >= 500 ? t("common.serverError") : (said ?? fix)}</p>
      {listFields && <FieldProblems errors={problem.errors} labelOf={labelOf} />}
      {children}
    </div>
  );
}

/**
 * `labelOf` for FieldProblems from a form's labels by path: the label of the path, else of the
 * nearest field above it (`schedule.rrule` for `schedule.rrule.BYDAY`).
 */
export function labelsByPath(t: (id: MessageId) => string, labels: Record<string, MessageId>) {
  return (path: string) => {
    for (let steps = path.split("."); steps.length > 0; steps = steps.slice(0, -1)) {
      const id = labels[steps.join(".")];
      if (id) return t(id);
    }
    return undefined;
  };
}

/**
 * The refused fields, each by its label (`labelOf` its path, where the form knows it; else the
 * path) and its message in the reader's language.
 */
export function FieldProblems({
  errors,
  labelOf = () => undefined,
}: {
  errors: Problem["errors"];
  labelOf?: (path: string) => string | undefined;
}) {
  const t = useT();
  const say = useFieldMessage();
  if (!errors || errors.length === 0) return null;
  return (
    <ul>
      {errors.map((e) => {
        const label = labelOf(e.path);
        return (
          <li key={`${e.path}:${e.code}:${e.message}`}>
            {label ? t("common.fieldLabel", { label }) : <code>{e.path}</code>} {say(e)}
          </li>
        );
      })}
    </ul>
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
