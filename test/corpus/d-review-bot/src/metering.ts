export interface Meter {
  record(kind: string, tokens: number): void;
}

export const meter: Meter = {
  record(kind, tokens) {
    console.info(`[meter] ${kind}: ${tokens} tokens`);
  },
};
