// Checks the form does as you type. The rules are the server's own, served by GET /config as data (rules: patterns,
// lengths, the cloud-config header, FIPS refusals): this file only applies them (the server checks again).
import { isMap, parseDocument } from '../vendor/yaml/index.js';

/** Null when <text> passes the served text rule ({ pattern, max_length, example }), else why not. */
function textProblem(text, rule, what) {
  if (text.length > rule.max_length) return `Longer than ${rule.max_length} characters`;
  return new RegExp(rule.pattern).test(text) ? null : `"${text}" is not ${what} (e.g. ${rule.example})`;
}

/** Null when fine, else why not. */
export function versionProblem(text, rules) {
  if (!text.trim()) return `Required: the Kairos version to stamp into the image, e.g. ${rules.version.example}`;
  return textProblem(text.trim(), rules.version, 'a semantic version');
}

/** Empty is fine (the pinned default); else the provider's tag shape. */
export function kubernetesVersionProblem(text, provider, rules) {
  const rule = rules.kubernetes_versions[provider];
  if (!text.trim() || !rule) return null;
  return textProblem(text.trim(), rule, `a ${provider} release`);
}

export function imageProblem(text, rules) {
  if (!text.trim()) return `Type an image reference (e.g. ${rules.image.example}) or choose a root tarball to upload`;
  return textProblem(text.trim(), rules.image, 'an image reference ([registry[:port]/]name[:tag][@sha256:digest], lower-case name)');
}

/**
 * Cloud-config: empty is fine; otherwise it must start with the served header and be one YAML mapping.
 * Errors carry the line and column the yaml parser reports.
 */
export function cloudConfigProblem(text, rules) {
  const { header, max_bytes: maxBytes } = rules.cloud_config;
  if (!text.trim()) return null;
  if (new TextEncoder().encode(text).length > maxBytes) return `Larger than ${maxBytes} bytes`;
  if (!text.startsWith(header)) return `Line 1:1: must start with the line "${header}" (Kairos ignores configs without it)`;
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length) {
    return document.errors.map(error => {
      const position = error.linePos?.[0];
      const where = position ? `Line ${position.line}:${position.col}` : 'YAML';
      return `${where}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    }).join('\n');
  }
  if (document.contents !== null && !isMap(document.contents)) return 'Line 2:1: the cloud-config must be a YAML mapping (key: value)';
  return null;
}

/** Why the server would refuse FIPS for this base and architecture (GET /config's fips: reasons by architecture, image patterns), or null. */
export function fipsProblem(fips, image, architecture) {
  if (!fips) return 'This server does not offer FIPS builds.';
  if (fips.unsupported_architectures?.[architecture]) return `Not for ${architecture}: ${fips.unsupported_architectures[architecture]}.`;
  if (!image) return null;
  const refused = (fips.refused_images || []).find(refusal => new RegExp(refusal.pattern).test(image));
  return refused ? `Not for ${image}: ${refused.reason}.` : null;
}

/** Whether an image of <model>, with (or without) Trusted Boot, makes output <name> (GET /config's rules.outputs). */
export function outputOffered(rules, name, trustedBoot, model) {
  const rule = rules.outputs.find(output => output.name === name);
  const relation = rule?.trusted_boot || 'both';
  return (relation === 'both' || (relation === 'only') === trustedBoot) && (!rule?.models || rule.models.includes(model));
}
