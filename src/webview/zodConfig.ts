/**
 * Imported first by the panel script: zod decides at schema construction whether to compile parsers
 * with `new Function`, and the panel's CSP forbids eval (each attempt would log a CSP violation).
 */
import { z } from "zod";

z.config({ jitless: true });
