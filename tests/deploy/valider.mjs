// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The lgc authors
// Checks Kubernetes manifests against the API's schemas, as kubeconform
// -strict would: each YAML document (duplicate keys refused) goes through
// the validator kubernetes-models compiled from the Kubernetes OpenAPI
// document for its apiVersion and kind (types, enums, required fields),
// and every field that validator never looked at is reported as unknown
// (a misspelt field is otherwise silently dropped by the API server).
//   node valider.mjs FICHIER.yaml…   prints one line per problem, exit 1
import { readFileSync } from "node:fs";
import YAML from "yaml";

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// apps/v1 Deployment → IoK8sApiAppsV1Deployment; v1 Service → …CoreV1Service.
function schemaName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/")
    ? apiVersion.split("/") : ["core", apiVersion];
  return `IoK8sApi${capital(group.split(".")[0])}${capital(version)}${kind}`;
}

// A copy of VALUE whose objects note the keys read from them.
function watched(value, seen) {
  if (value === null || typeof value !== "object") return value;
  const keys = new Set();
  seen.set(value, keys);
  return new Proxy(value, {
    get(target, key) {
      if (typeof key === "string") keys.add(key);
      return watched(target[key], seen);
    },
    has(target, key) {
      if (typeof key === "string") keys.add(key);
      return key in target;
    },
    // A map (labels, annotations…) is walked whole.
    ownKeys(target) {
      for (const k of Reflect.ownKeys(target)) keys.add(k);
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(value, seen, path, out) {
  if (value === null || typeof value !== "object") return;
  const keys = seen.get(value);
  if (keys === undefined) return;
  for (const k of Object.keys(value)) {
    const p = `${path}/${k}`;
    if (!Array.isArray(value) && !keys.has(k)) out.push(`${p} : champ inconnu`);
    else unknownFields(value[k], seen, p, out);
  }
}

let problems = 0;
for (const file of process.argv.slice(2)) {
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"),
    { uniqueKeys: true, strict: true, prettyErrors: true });
  let n = 0;
  for (const doc of docs) {
    n++;
    const where = `${file} (document ${n})`;
    for (const e of [...doc.errors, ...doc.warnings]) {
      console.log(`${where} : YAML : ${e.message.split("\n")[0]}`);
      problems++;
    }
    if (doc.errors.length > 0) continue;
    const obj = doc.toJS();
    if (obj === null) continue;
    if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") {
      console.log(`${where} : apiVersion ou kind manquant`);
      problems++;
      continue;
    }
    const name = schemaName(obj.apiVersion, obj.kind);
    let validate;
    try {
      ({ validate } = await import(`kubernetes-models/_schemas/${name}`));
    } catch {
      console.log(`${where} : ${obj.apiVersion} ${obj.kind} inconnu de l'API Kubernetes`);
      problems++;
      continue;
    }
    const seen = new Map();
    const ok = validate(watched(obj, seen));
    for (const e of ok ? [] : validate.errors) {
      console.log(`${where} : ${obj.kind} ${e.instancePath || "/"} : ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
      problems++;
    }
    const unknown = [];
    unknownFields(obj, seen, "", unknown);
    for (const u of unknown) {
      console.log(`${where} : ${obj.kind} ${u}`);
      problems++;
    }
  }
}
process.exit(problems > 0 ? 1 : 0);
