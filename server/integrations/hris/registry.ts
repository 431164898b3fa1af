import type { HrisAdapter, HrisProvider } from "./adapter";
import { bamboohr } from "./bamboohr";
import { okta } from "./okta";
import { rippling } from "./rippling";

/** Every HRIS adapter by provider: the catalog the settings page lists and the sync runner reads. */
export const hrisAdapters: Record<HrisProvider, HrisAdapter> = { bamboohr, rippling, okta };

export function adapterFor(provider: HrisProvider): HrisAdapter {
  const adapter = hrisAdapters[provider];
  if (!adapter) throw new Error(`No HRIS adapter for provider "${provider}".`);
  return adapter;
}
