import { Button as AriaButton, type ButtonProps } from "react-aria-components";

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonProps & { variant?: "primary" | "secondary" | "danger" | "quiet" }) {
  return <AriaButton {...props} className={`button button-${variant} ${className ?? ""}`} />;
}
