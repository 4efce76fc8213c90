// Checks the form does as you type, the same rules the server applies (the server checks again).
import { isMap, parseDocument } from '../vendor/yaml/index.js';

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Null when fine, else why not. */
export function versionProblem(text) {
  if (!text.trim()) return 'Required: the Kairos version to stamp into the image, e.g. 1.2.3';
  return SEMVER.test(text.trim()) ? null : `"${text.trim()}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.3 or v1.2.3-rc1)`;
}

// letters, digits and . _ - / : @ + only: the grammar of an image reference (the server checks the full grammar)
const IMAGE = /^[a-z0-9][a-z0-9._\-/:@+]*$/i;

export function imageProblem(text) {
  if (!text.trim()) return 'Type an image reference (e.g. localhost/my-base:1.0) or choose a root tarball to upload';
  return IMAGE.test(text.trim()) ? null : `"${text.trim()}" is not an image reference (e.g. localhost/my-base:1.0)`;
}

/**
 * Cloud-config: empty is fine; otherwise it must start with "#cloud-config" and be one YAML mapping.
 * Errors carry the line and column the yaml parser reports.
 */
export function cloudConfigProblem(text, maxBytes) {
  if (!text.trim()) return null;
  if (new TextEncoder().encode(text).length > maxBytes) return `Larger than ${maxBytes} bytes`;
  if (!text.startsWith('#cloud-config')) return 'Line 1:1: must start with the line "#cloud-config" (Kairos ignores configs without it)';
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

/**
 * Why the server would refuse FIPS for this base and architecture (GET /config's fips lists), or null.
 * The image's own name is its last path component without tag or digest, as the server reads it.
 */
export function fipsProblem(fips, image, architecture) {
  if (!fips) return 'This server does not offer FIPS builds.';
  if (fips.unsupported_architectures?.[architecture]) return `Not for ${architecture}: ${fips.unsupported_architectures[architecture]}.`;
  if (!image) return null;
  const name = image.split('@')[0].split('/').pop().split(':')[0];
  const reason = fips.unsupported_images?.[name];
  return reason ? `Not for ${image}: ${reason}.` : null;
}
