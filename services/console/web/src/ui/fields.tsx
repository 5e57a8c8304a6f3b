// Our look on React Aria Components: behaviour, focus and accessibility come from the library.
import type { ComponentType, ReactNode } from "react";
import {
  Button as AriaButton,
  Checkbox as AriaCheckbox,
  CheckboxGroup as AriaCheckboxGroup,
  ComboBox as AriaComboBox,
  Radio as AriaRadio,
  RadioGroup as AriaRadioGroup,
  Select as AriaSelect,
  TextArea as AriaTextArea,
  TextField as AriaTextField,
  type CheckboxGroupProps,
  type CheckboxProps,
  type ComboBoxProps,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  type RadioGroupProps,
  type RadioProps,
  type SelectProps,
  SelectValue,
  Text,
  type TextFieldProps,
} from "react-aria-components";

export { Button } from "./button";

/** What every field shows around its control: the label, then the control, its description and error. */
function Labelled({
  label,
  description,
  children,
}: {
  label: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <>
      <Label>{label}</Label>
      {children}
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </>
  );
}

export function TextField({
  label,
  description,
  multiline,
  type,
  ...props
}: TextFieldProps & { label: string; description?: string; multiline?: boolean }) {
  return (
    <AriaTextField {...props} type={type} className="field">
      <Labelled label={label} description={description}>
        {multiline ? <AriaTextArea rows={3} /> : <Input />}
      </Labelled>
    </AriaTextField>
  );
}

export interface Option {
  id: string;
  label: string;
}

/** What a select and a combo box take beyond React Aria's props. */
interface OptionFieldProps {
  label: string;
  options: Option[];
  description?: string;
}
type SelectFieldProps = Omit<SelectProps<Option>, "children"> & OptionFieldProps;
type ComboBoxFieldProps = Omit<ComboBoxProps<Option>, "children"> & OptionFieldProps;

/** The list a select or combo box opens, one item per option (a combo box gives its own `items`). */
function OptionList({ items }: { items?: Option[] }) {
  return (
    <Popover className="popover">
      <ListBox {...(items ? { items } : {})} className="listbox">
        {(option: Option) => (
          <ListBoxItem id={option.id} className="listbox-item">
            {option.label}
          </ListBoxItem>
        )}
      </ListBox>
    </Popover>
  );
}

export function Select({ label, options, description, ...props }: SelectFieldProps) {
  return (
    <AriaSelect {...props} className="field">
      <Labelled label={label} description={description}>
        <AriaButton className="select-button">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </Labelled>
      <OptionList items={options} />
    </AriaSelect>
  );
}

const ALL = "all";

/** A select that narrows a list: every item (`all` names that choice, `undefined`) or one option. */
export function FilterSelect({
  all,
  value,
  onChange,
  options,
  ...props
}: Omit<SelectFieldProps, "selectedKey" | "onSelectionChange" | "onChange" | "value"> & {
  all: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select
      {...props}
      selectedKey={value ?? ALL}
      onSelectionChange={(k) => onChange(String(k) === ALL ? undefined : String(k))}
      options={[{ id: ALL, label: all }, ...options]}
    />
  );
}

/** A select of one of a fixed set of `choices`, each shown as `labelOf` names it: no key casts in screens. */
export function ChoiceSelect<C extends string>({
  choices,
  labelOf,
  value,
  onChange,
  ...props
}: Omit<SelectFieldProps, "options" | "selectedKey" | "onSelectionChange" | "onChange" | "value"> & {
  choices: readonly C[];
  labelOf: (choice: C) => string;
  value: C;
  onChange: (choice: C) => void;
}) {
  return (
    <Select
      {...props}
      selectedKey={value}
      onSelectionChange={(k) => {
        const choice = choices.find((c) => c === k);
        if (choice !== undefined) onChange(choice);
      }}
      options={choices.map((c) => ({ id: c, label: labelOf(c) }))}
    />
  );
}

export function ComboBox({ label, options, description, ...props }: ComboBoxFieldProps) {
  return (
    <AriaComboBox {...props} items={options} className="field" menuTrigger="focus" allowsCustomValue>
      <Labelled label={label} description={description}>
        <div className="combobox">
          <Input />
          <AriaButton className="combobox-button">
            <span aria-hidden="true">▾</span>
          </AriaButton>
        </div>
      </Labelled>
      <OptionList />
    </AriaComboBox>
  );
}

/** Our look on a checkbox or a radio: its drawn mark (`mark`, a class), then its text. */
function choice<P extends object>(
  Aria: ComponentType<P & { className?: string; children?: ReactNode }>,
  className: string,
  mark: string,
) {
  return function Choice({ children, ...props }: P & { children: ReactNode }) {
    return (
      <Aria {...(props as P)} className={className}>
        <span className={mark} aria-hidden="true" />
        <span>{children}</span>
      </Aria>
    );
  };
}

/** Our look on a group of checkboxes or radios: label, the choices, description and error. */
function choiceGroup<P extends object>(
  Aria: ComponentType<P & { className?: string; children?: ReactNode }>,
) {
  return function ChoiceGroup({
    label,
    description,
    children,
    ...props
  }: P & { label: string; description?: string; children: ReactNode }) {
    return (
      <Aria {...(props as P)} className="field group">
        <Labelled label={label} description={description}>
          <div className="choices">{children}</div>
        </Labelled>
      </Aria>
    );
  };
}

export const Checkbox = choice<CheckboxProps>(AriaCheckbox, "checkbox", "checkbox-box");
export const CheckboxGroup = choiceGroup<CheckboxGroupProps>(AriaCheckboxGroup);
export const Radio = choice<RadioProps>(AriaRadio, "radio", "radio-dot");
export const RadioGroup = choiceGroup<RadioGroupProps>(AriaRadioGroup);
