/** kubectl's client-side checks of label arguments (kubectl pkg/cmd/label/label.go parseLabels → validation.IsQualifiedName / IsValidLabelValue). */
import { isQualifiedName, isValidLabelValue } from '../validation/names';

export function validateLabelKey(key: string): string | undefined {
  const e = isQualifiedName(key);
  return e.length ? e.join('; ') : undefined;
}

export function validateLabelValue(value: string): string | undefined {
  const e = isValidLabelValue(value);
  return e.length ? e.join('; ') : undefined;
}
