import { z } from "zod";

/**
 * The content security policy forbids eval. Zod 4 compiles object parsers with `new Function`
 * unless told not to, and probes for eval with `Function("")` on the first parse: a CSP violation
 * report on every page that parses, even though the probe is caught. Imported for its effect by
 * the modules that parse in the browser before anything else does.
 */
z.config({ jitless: true });
