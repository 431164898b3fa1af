import * as React from "react";
import { Label } from "@/app/_components/ui/label";
import { cn } from "@/app/_lib/cn";

type FormFieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

type FormFieldProps = Omit<React.ComponentProps<"div">, "children"> & {
  label: React.ReactNode;
  htmlFor: string;
  error?: string;
  description?: string;
  required?: boolean;
  children: React.ReactNode | ((control: FormFieldControlProps) => React.ReactNode);
};

type ControlElementProps = {
  id?: string;
  "aria-describedby"?: string;
  children?: React.ReactNode;
};

function withControlProps(
  element: React.ReactElement<ControlElementProps>,
  control: FormFieldControlProps,
): React.ReactElement<ControlElementProps> {
  const describedBy = [element.props["aria-describedby"], control["aria-describedby"]]
    .filter(Boolean)
    .join(" ");
  return React.cloneElement(element, {
    ...control,
    id: element.props.id ?? control.id,
    "aria-describedby": describedBy || undefined,
  });
}

function injectIntoMatchingId(
  node: React.ReactNode,
  control: FormFieldControlProps,
  depth: number,
): [React.ReactNode, boolean] {
  if (depth > 6) {
    return [node, false];
  }
  if (Array.isArray(node)) {
    let found = false;
    const mapped = node.map((child: React.ReactNode) => {
      if (found) {
        return child;
      }
      const [next, matched] = injectIntoMatchingId(child, control, depth + 1);
      found = matched;
      return next;
    });
    return [found ? mapped : node, found];
  }
  if (!React.isValidElement<ControlElementProps>(node)) {
    return [node, false];
  }
  if (node.props.id === control.id) {
    return [withControlProps(node, control), true];
  }
  if (node.props.children == null) {
    return [node, false];
  }
  const [children, found] = injectIntoMatchingId(node.props.children, control, depth + 1);
  if (!found) {
    return [node, false];
  }
  const cloned = Array.isArray(children)
    ? React.cloneElement(node, undefined, ...children)
    : React.cloneElement(node, undefined, children);
  return [cloned, true];
}

function renderControl(
  children: FormFieldProps["children"],
  control: FormFieldControlProps,
): React.ReactNode {
  if (typeof children === "function") {
    return children(control);
  }
  const [injected, found] = injectIntoMatchingId(children, control, 0);
  if (found) {
    return injected;
  }
  if (React.isValidElement<ControlElementProps>(children)) {
    return withControlProps(children, control);
  }
  return children;
}

function FormField({
  label,
  htmlFor,
  error,
  description,
  required,
  children,
  className,
  ...props
}: FormFieldProps) {
  const descriptionId = description ? `${htmlFor}-description` : undefined;
  const errorId = error ? `${htmlFor}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ");

  const control: FormFieldControlProps = {
    id: htmlFor,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div
      data-slot="form-field"
      data-invalid={error ? true : undefined}
      // content-start: in a row of fields, a neighbour's wrapped error makes the row taller; the
      // label and control stay at the top instead of spreading out of line with the others.
      className={cn("grid content-start gap-2", className)}
      {...props}
    >
      <Label htmlFor={htmlFor} className={cn(error && "text-destructive")}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {renderControl(children, control)}
      {description ? (
        <p id={descriptionId} data-slot="form-field-description" className="text-muted-foreground text-sm">
          {description}
        </p>
      ) : null}
      {error ? (
        <p
          id={errorId}
          data-slot="form-field-error"
          role="alert"
          className="font-medium text-destructive text-sm"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type { FormFieldControlProps, FormFieldProps };
export { FormField };
