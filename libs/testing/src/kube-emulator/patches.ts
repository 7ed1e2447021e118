import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json-value';
import { KubeStatusError } from './kube-status';

/** RFC 7386 JSON merge patch: objects merge recursively, `null` deletes, anything else replaces. */
export function applyMergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? cloneJson(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function unprocessable(message: string): KubeStatusError {
  return new KubeStatusError(422, 'Invalid', message);
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw unprocessable(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function containerAt(document: JsonValue, path: string[], pointer: string): JsonValue {
  let current: JsonValue = document;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isJsonObject(current)) current = current[segment];
    else throw unprocessable(`doc is missing path: "${pointer}": missing value`);
    if (current === undefined) throw unprocessable(`doc is missing path: "${pointer}": missing value`);
  }
  return current;
}

function valueAt(document: JsonValue, pointer: string): JsonValue {
  return containerAt(document, parsePointer(pointer), pointer);
}

function removeAt(document: JsonValue, pointer: string): JsonValue {
  const path = parsePointer(pointer);
  const key = path.pop();
  if (key === undefined) throw unprocessable('cannot remove the document root');
  const parent = containerAt(document, path, pointer);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= parent.length) throw unprocessable(`doc is missing path: "${pointer}": missing value`);
    return parent.splice(index, 1)[0];
  }
  if (isJsonObject(parent) && key in parent) {
    const removed = parent[key];
    delete parent[key];
    return removed;
  }
  throw unprocessable(`doc is missing path: "${pointer}": missing value`);
}

function addAt(document: JsonValue, pointer: string, value: JsonValue, replace: boolean): JsonValue {
  const path = parsePointer(pointer);
  const key = path.pop();
  if (key === undefined) return value;
  const parent = containerAt(document, path, pointer);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw unprocessable(`doc is missing path: "${pointer}": missing value`);
    if (replace) parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    if (replace && !(key in parent)) throw unprocessable(`doc is missing key: "${pointer}": missing value`);
    parent[key] = value;
  } else {
    throw unprocessable(`doc is missing path: "${pointer}": missing value`);
  }
  return document;
}

/** RFC 6902 JSON patch with add, remove, replace, move, copy and test. */
export function applyJsonPatch(target: JsonValue, operations: JsonValue): JsonValue {
  if (!Array.isArray(operations)) throw new KubeStatusError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let document = cloneJson(target);
  for (const operation of operations) {
    if (!isJsonObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw unprocessable('the server rejected our request due to an error in our request');
    }
    const { op, path } = operation;
    const from = typeof operation.from === 'string' ? operation.from : undefined;
    const value = operation.value ?? null;
    switch (op) {
      case 'add':
        document = addAt(document, path, cloneJson(value), false);
        break;
      case 'replace':
        document = addAt(document, path, cloneJson(value), true);
        break;
      case 'remove':
        removeAt(document, path);
        break;
      case 'move': {
        if (from === undefined) throw unprocessable('move operation requires "from"');
        const moved = removeAt(document, from);
        document = addAt(document, path, moved, false);
        break;
      }
      case 'copy': {
        if (from === undefined) throw unprocessable('copy operation requires "from"');
        document = addAt(document, path, cloneJson(valueAt(document, from)), false);
        break;
      }
      case 'test':
        if (!jsonEqual(valueAt(document, path), value)) throw unprocessable(`testing value ${path} failed: test failed`);
        break;
      default:
        throw unprocessable(`Unexpected kind: ${op}`);
    }
  }
  return document;
}
