/** Server-side logger. */
import pino from "pino";

export const logger = pino({ name: "storefront" });
