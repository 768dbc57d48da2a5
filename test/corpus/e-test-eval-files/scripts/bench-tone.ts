import { rewriteTone } from "../src/tone.js";

const samples = ["pls fix asap", "we need the numbers by monday", "thanks, great work on the launch"];
const started = performance.now();
for (const s of samples) await rewriteTone(s, "formal");
console.log(`${samples.length} rewrites in ${(performance.now() - started).toFixed(0)} ms`);
