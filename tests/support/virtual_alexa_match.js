// Resolve phrases (a JSON list on stdin) against an interaction model file with virtual-alexa's own
// model reader and utterance matcher; print [[intent, sample] or [null, null], ...] as JSON.
// Usage: node virtual_alexa_match.js <node_modules dir> <interaction model json>
"use strict";
const path = require("path");
const modules = process.argv[2];
const { InteractionModel } = require(path.join(modules, "virtual-alexa/lib/src/model/InteractionModel"));
const { Utterance } = require(path.join(modules, "virtual-core"));
const { SamplePhrase } = require(path.join(modules, "virtual-core/lib/src/SampleUtterances"));

// virtual-core builds each sample's RegExp anew for every utterance it tries; the model holds
// thousands of samples, so keep each one once built. The matching itself is untouched.
const build = SamplePhrase.prototype.regex;
SamplePhrase.prototype.regex = function () {
  if (this._built === undefined) this._built = build.call(this);
  return this._built;
};

const model = InteractionModel.fromFile(process.argv[3]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((phrase) => {
    const u = new Utterance(model, phrase);
    return u.matched() ? [u.intent(), u.matchedSample.phrase] : [null, null];
  });
  process.stdout.write(JSON.stringify(out));
});
