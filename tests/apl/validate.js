// Validates APL documents with Amazon's apl-suggester: node validate.js DOC.json... prints, as the
// last line of stdout, one JSON object mapping each path to its findings ({level, path, message}).
const fs = require("fs");
const { StaticAplTemplateValidator } = require("apl-suggester");

(async () => {
  const found = {};
  for (const path of process.argv.slice(2)) {
    const document = JSON.parse(fs.readFileSync(path, "utf8"));
    const results = await new StaticAplTemplateValidator().validate(document);
    found[path] = results.map((r) => ({ level: r.level, path: r.path, message: r.errorMessage }));
  }
  process.stdout.write("\n" + JSON.stringify(found) + "\n");
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
