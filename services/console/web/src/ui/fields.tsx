// Our look on React Aria Components: behaviour, focus and accessibility come from the library.
import type { ReactNode } from "react";
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

export function TextField({
  label,
  description,
  multiline,
  type,
  ...props
}: TextFieldProps & { label: string; description?: string; multiline?: boolean }) {
  return (
    <AriaTextField {...props} type={type} className="field">
      <Label>{label}</Label>
      {multiline ? <AriaTextArea rows={3} /> : <Input />}
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

export interface Option {
  id: string;
  label: string;
}

export function Select({
  label,
  options,
  description,
  ...props
}: Omit<SelectProps<Option>, "children"> & { label: string; options: Option[]; description?: string }) {
  return (
    <AriaSelect {...props} className="field">
      <Label>{label}</Label>
      <AriaButton className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox items={options} className="listbox">
          {(option) => (
            <ListBoxItem id={option.id} className="listbox-item">
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}

export function ComboBox({
  label,
  options,
  description,
  ...props
}: Omit<ComboBoxProps<Option>, "children"> & { label: string; options: Option[]; description?: string }) {
  return (
    <AriaComboBox {...props} items={options} className="field" menuTrigger="focus" allowsCustomValue>
      <Label>{label}</Label>
      <div className="combobox">
        <Input />
        <AriaButton className="combobox-button">
          <span aria-hidden="true">▾</span>
        </AriaButton>
      </div>
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox">
          {(option: Option) => (
            <ListBoxItem id={option.id} className="listbox-item">
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaComboBox>
  );
}

export function Checkbox({ children, ...props }: CheckboxProps & { children: ReactNode }) {
  return (
    <AriaCheckbox {...props} className="checkbox">
      <span className="checkbox-box" aria-hidden="true" />
      <span>{children}</span>
    </AriaCheckbox>
  );
}

export function CheckboxGroup({
  label,
  children,
  ...props
}: CheckboxGroupProps & { label: string; children: ReactNode }) {
  return (
    <AriaCheckboxGroup {...props} className="field group">
      <Label>{label}</Label>
      <div className="choices">{children}</div>
      <FieldError className="field-error" />
    </AriaCheckboxGroup>
  );
}

export function RadioGroup({
  label,
  children,
  description,
  ...props
}: RadioGroupProps & { label: string; children: ReactNode; description?: string }) {
  return (
    <AriaRadioGroup {...props} className="field group">
      <Label>{label}</Label>
      <div className="choices">{children}</div>
      {description && <Text slot="description">{description}</Text>}
      <FieldError className="field-error" />
    </AriaRadioGroup>
  );
}

export function Radio({ children, ...props }: RadioProps & { children: ReactNode }) {
  return (
    <AriaRadio {...props} className="radio">
      <span className="radio-dot" aria-hidden="true" />
      <span>{children}</span>
    </AriaRadio>
  );
}
