// The widget for a FieldHint: one component per widget kind, chosen here.
import type { FieldHint } from "@mallwright/schema";
import { ColorField, NumberField, RichTextField, SelectField, SwitchField, TextField } from "./basic-fields.tsx";
import { CategoriesField, CategoryField, ProductsField } from "./catalog-fields.tsx";
import type { FieldProps } from "./field-props.ts";
import { HotzonesField } from "./hotzones-field.tsx";
import { LinkField } from "./link-field.tsx";
import { ListField } from "./list-field.tsx";
import { MediaField } from "./media-field.tsx";

export function FieldControl(props: FieldProps) {
  const { hint } = props;
  switch (hint.widget) {
    case "text":
    case "textarea":
      return <TextField {...props} hint={hint} />;
    case "richtext":
      return <RichTextField {...props} hint={hint} />;
    case "number":
      return <NumberField {...props} hint={hint} />;
    case "color":
      return <ColorField {...props} hint={hint} />;
    case "switch":
      return <SwitchField {...props} hint={hint} />;
    case "select":
      return <SelectField {...props} hint={hint} />;
    case "image":
    case "video":
      return <MediaField {...props} hint={hint} />;
    case "link":
      return <LinkField {...props} hint={hint} />;
    case "products":
      return <ProductsField {...props} hint={hint} />;
    case "category":
      return <CategoryField {...props} hint={hint} />;
    case "categories":
      return <CategoriesField {...props} hint={hint} />;
    case "list":
      return <ListField {...props} hint={hint} />;
    case "hotzones":
      return <HotzonesField {...props} hint={hint} />;
    default:
      return assertNever(hint);
  }
}

function assertNever(hint: never): null {
  void hint;
  return null;
}

/** Widgets that label themselves (a group of controls) rather than one labelled input. */
export function isGroupWidget(hint: FieldHint): boolean {
  return ["list", "hotzones", "image", "video", "link", "products", "categories", "richtext"].includes(hint.widget);
}
