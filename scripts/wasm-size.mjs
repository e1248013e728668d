// Where a WebAssembly module's bytes go: the size of every section, of every function body (by the name
// section's function names, demangled with llvm-cxxfilt), grouped by source area (seqlab's namespaces, Eigen,
// libc++, Embind, libc), and the data segments' strings. A shipped module carries no names: link a copy with
// --profiling-funcs (same code, names kept) to read it by function.
// Usage: node scripts/wasm-size.mjs FILE.wasm [--top N] [--json] [--area PREFIX] [--strings N] [--objects DIR]
//   --top N      the N largest functions (default 40)
//   --objects D  also credit each function to the source file whose object (under the CMake build folder D,
//                e.g. build/wasm) defines it, with llvm-nm: the bytes per source file, what a per-file
//                -Oz or a binding left out of a module would move. Template and inline functions defined in
//                several objects are counted apart, as are the libraries' (libc, libc++, Embind).
//   --area P     only the functions whose area starts with P (e.g. 'seqlab::io', 'Eigen')
//   --strings N  the N longest printable strings of the data segments (default 0)
//   --json       one JSON object instead of the tables
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';

const argv = process.argv.slice(2);
const file = argv.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const value = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
if (!file) {
  console.error('usage: node scripts/wasm-size.mjs FILE.wasm [--top N] [--json] [--area PREFIX] [--strings N] [--objects DIR]');
  process.exit(2);
}
const bytes = readFileSync(file);
const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;

// ---- reading the binary ------------------------------------------------------------------------------------
function uleb(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, pos];
}
const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
for (let pos = 8; pos < bytes.length;) {
  const id = bytes[pos];
  const [size, start] = uleb(bytes, pos + 1);
  let name = SECTION_NAMES[id] ?? `id ${id}`;
  if (id === 0) {
    const [len, p] = uleb(bytes, start);
    name = `custom "${bytes.subarray(p, p + len).toString('utf8')}"`;
  }
  sections.push({ id, name, start, end: start + size, bytes: start + size - pos });
  pos = start + size;
}
const section = (id, customName) => sections.find((s) => s.id === id && (customName === undefined || s.name === `custom "${customName}"`));

// Imported functions come first in the function index space.
let importedFunctions = 0;
const imp = section(2);
if (imp) {
  let [count, p] = uleb(bytes, imp.start);
  for (let i = 0; i < count; ++i) {
    let len;
    [len, p] = uleb(bytes, p); p += len;   // module
    [len, p] = uleb(bytes, p); p += len;   // field
    const kind = bytes[p++];
    if (kind === 0) { [, p] = uleb(bytes, p); ++importedFunctions; }
    else if (kind === 1) { p += 1; const [flags, q] = uleb(bytes, p); p = q; [, p] = uleb(bytes, p); if (flags & 1) [, p] = uleb(bytes, p); }
    else if (kind === 2) { const [flags, q] = uleb(bytes, p); p = q; [, p] = uleb(bytes, p); if (flags & 1) [, p] = uleb(bytes, p); }
    else if (kind === 3) { p += 2; }
    else if (kind === 4) { p += 1; [, p] = uleb(bytes, p); }
  }
}

const functions = [];
const code = section(10);
if (code) {
  let [count, p] = uleb(bytes, code.start);
  for (let i = 0; i < count; ++i) {
    const [size, body] = uleb(bytes, p);
    functions.push({ index: importedFunctions + i, bytes: body + size - p, start: p, end: body + size });
    p = body + size;
  }
}

const names = new Map();
const nameSection = section(0, 'name');
if (nameSection) {
  let [len, p] = uleb(bytes, nameSection.start);
  p += len;
  while (p < nameSection.end) {
    const kind = bytes[p];
    const [size, start] = uleb(bytes, p + 1);
    if (kind === 1) {
      let [count, q] = uleb(bytes, start);
      for (let i = 0; i < count; ++i) {
        let index, n;
        [index, q] = uleb(bytes, q);
        [n, q] = uleb(bytes, q);
        names.set(index, bytes.subarray(q, q + n).toString('utf8'));
        q += n;
      }
    }
    p = start + size;
  }
}

// ---- demangling and areas ----------------------------------------------------------------------------------
const mangled = functions.map((f) => names.get(f.index) ?? `<function ${f.index}>`);
const demangler = spawnSync('llvm-cxxfilt', [], { input: mangled.join('\n'), encoding: 'utf8', maxBuffer: 256 << 20 });
const demangled = demangler.status === 0 ? demangler.stdout.split('\n') : mangled;
functions.forEach((f, i) => { f.name = demangled[i] || mangled[i]; f.mangled = mangled[i]; });

// The area a function belongs to: the namespace path of its own name (seqlab::io, Eigen::internal, std, ...),
// with seqlab's code credited even when instantiated inside a std or Eigen template (a lambda, a sort).
function areaOf(name, mangledName) {
  if (name.startsWith('<function')) return '(no name)';
  // Emscripten's name section holds demangled C++ names already; C functions have neither '::' nor '('.
  if (!mangledName.startsWith('_Z') && !/::|\(/.test(name)) {
    if (/^(dlmalloc|dlfree|malloc|free|realloc|calloc|memcpy|memset|memmove|memcmp|strlen|sbrk|emscripten_builtin)/.test(name)) return 'libc (memory, strings)';
    if (/printf|fmt_|pop_arg|out|pad|vfprintf|fwrite|__towrite|strto|scanf|fp|frexp|__shgetc|__intscan|__floatscan/.test(name)) return 'libc (stdio, number formatting)';
    if (/^__cxa|^__cxxabi|^_Unwind|^__gxx/.test(name)) return 'C++ ABI (exceptions, RTTI)';
    if (/^embind|^_embind|^__embind/.test(name)) return 'Embind';
    return 'libc/other C';
  }
  // Strip the return type and arguments, keep the qualified name.
  let n = name.replace(/^(typeinfo name for|typeinfo for|vtable for|non-virtual thunk to|virtual thunk to) /, '')
    .replace(/\(anonymous namespace\)/g, '{anonymous}');
  let depth = 0, cut = n.length;
  for (let i = 0; i < n.length; ++i) {
    const c = n[i];
    if (c === '<' || c === '(') {
      if (c === '(' && depth === 0) { cut = i; break; }
      ++depth;
    } else if (c === '>' || c === ')') --depth;
  }
  const qualified = n.slice(0, cut);
  const top = qualified.split('::').map((part) => part.replace(/<.*$/, '').trim());
  const path = top.filter(Boolean);
  if (path[0]?.includes(' ')) path[0] = path[0].split(' ').pop();   // "void seqlab::..." return types
  const seqlabInside = /seqlab::(\w+)/.exec(name);
  if (path[0] === 'seqlab') return `seqlab::${path[1] && /^[a-z_]+$/.test(path[1]) && path.length > 2 ? path[1] : '(top)'}`;
  // The binding files (wasm/bindings/*.cpp) keep their functions in an anonymous namespace at the top level.
  if (path[0] === '{anonymous}') return 'bindings (top-level anonymous namespace)';
  if (path[0] === 'Eigen') return path[1] === 'internal' ? 'Eigen::internal' : 'Eigen';
  if (path[0] === 'emscripten') return 'Embind';
  if (path[0] === 'std' || path[0]?.startsWith('std')) {
    if (/basic_(i|o|io)stream|basic_streambuf|basic_stringbuf|ios_base|basic_ios|locale|num_put|num_get|ctype|codecvt|moneypunct|money_|time_put|time_get|messages|numpunct|collate|__num_|__money|__time|__stdinbuf|__stdoutbuf/.test(qualified)) return 'libc++ (iostreams, locale)';
    if (seqlabInside) return `std with seqlab::${seqlabInside[1]}`;
    if (/Eigen::/.test(name)) return 'std with Eigen';
    return 'libc++ (other)';
  }
  if (path[0]?.startsWith('__cxx') || path[0] === '__cxxabiv1') return 'C++ ABI (exceptions, RTTI)';
  return path[0] ?? '(other)';
}
for (const f of functions) f.area = areaOf(f.name, f.mangled);

// ---- data segments: strings ----------------------------------------------------------------------------------
const strings = [];
const data = section(11);
if (data) {
  const body = bytes.subarray(data.start, data.end);
  let run = [];
  for (let i = 0; i <= body.length; ++i) {
    const c = body[i];
    if (i < body.length && c >= 0x20 && c < 0x7f || c === 0x0a || c === 0x09) run.push(c);
    else {
      if (run.length >= 24) strings.push(Buffer.from(run).toString('latin1'));
      run = [];
    }
  }
}

// ---- source files (--objects) --------------------------------------------------------------------------------
function objectFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...objectFiles(full));
    else if (entry.name.endsWith('.o')) out.push(full);
  }
  return out;
}
function bySourceFile(buildDir) {
  // A function defined (T: strong, W: weak) in an object: the source file that object was compiled from.
  const strong = new Map(), weak = new Map();
  // The objects the Embind modules link (the engine, the facade, the bindings), not the tests' or the CLI's.
  const linked = objectFiles(path.join(buildDir, 'CMakeFiles'))
    .filter((object) => /CMakeFiles\/seqlab_(engine|facade|module\w*)\.dir\//.test(object));
  for (const object of linked) {
    const nm = spawnSync('llvm-nm', ['--defined-only', '-C', object], { encoding: 'utf8', maxBuffer: 256 << 20 });
    if (nm.status !== 0) continue;
    const source = object.replace(/.*CMakeFiles\/[^/]+\.dir\//, '').replace(/\.o$/, '');
    for (const line of nm.stdout.split('\n')) {
      const m = /^[0-9a-f]+ ([TtWw]) (.*)$/.exec(line);
      if (!m) continue;
      const map = m[1].toUpperCase() === 'T' ? strong : weak;
      if (!map.has(m[2])) map.set(m[2], new Set());
      map.get(m[2]).add(source);
    }
  }
  const files = new Map();
  for (const f of functions) {
    let key = `(library: ${f.area})`;
    if (strong.has(f.name)) key = [...strong.get(f.name)][0];
    else if (weak.has(f.name)) key = weak.get(f.name).size === 1 ? `${[...weak.get(f.name)][0]} (inline/template)` : '(inline/template, several files)';
    const row = files.get(key) ?? { file: key, functions: 0, bytes: 0, parts: [] };
    row.functions += 1;
    row.bytes += f.bytes;
    row.parts.push(bytes.subarray(f.start, f.end));
    files.set(key, row);
  }
  return [...files.values()].map((r) => ({ file: r.file, functions: r.functions, bytes: r.bytes,
    gzip_alone: gzip(Buffer.concat(r.parts)) })).sort((x, y) => y.bytes - x.bytes);
}

// ---- report --------------------------------------------------------------------------------------------------
const byArea = new Map();
for (const f of functions) {
  const a = byArea.get(f.area) ?? { area: f.area, functions: 0, bytes: 0, parts: [] };
  a.functions += 1;
  a.bytes += f.bytes;
  a.parts.push(bytes.subarray(f.start, f.end));
  byArea.set(f.area, a);
}
const areas = [...byArea.values()].map((a) => ({ area: a.area, functions: a.functions, bytes: a.bytes,
  gzip_alone: gzip(Buffer.concat(a.parts)) })).sort((x, y) => y.bytes - x.bytes);
const areaFilter = value('area', null);
const top = [...functions].filter((f) => !areaFilter || f.area.startsWith(areaFilter)).sort((x, y) => y.bytes - x.bytes)
  .slice(0, Number(value('top', 40)));
const eigenInstantiations = functions.filter((f) => /Eigen::/.test(f.name)).length;
const summary = {
  file, bytes: bytes.length, gzip: gzip(bytes), named: names.size > 0, imported_functions: importedFunctions,
  functions: functions.length, eigen_functions: eigenInstantiations,
  sections: sections.map((s) => ({ name: s.name, bytes: s.bytes, gzip_alone: gzip(bytes.subarray(s.start, s.end)) })),
  areas,
  top: top.map((f) => ({ bytes: f.bytes, area: f.area, name: f.name })),
  longest_strings: strings.sort((a, b) => b.length - a.length).slice(0, Number(value('strings', 0))),
  string_bytes: strings.reduce((s, x) => s + x.length, 0),
  files: value('objects', null) ? bySourceFile(value('objects', null)) : undefined,
};
if (argv.includes('--json')) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const n = (x) => x.toLocaleString('en-US');
  const cut = (s, w) => (s.length > w ? `${s.slice(0, w - 1)}…` : s);
  console.log(`${file}: ${n(summary.bytes)} bytes, ${n(summary.gzip)} gzipped (-9); ${n(summary.functions)} functions ` +
    `(${n(summary.eigen_functions)} with Eigen in the name)${summary.named ? '' : ', no name section (link with --profiling-funcs to see names)'}`);
  console.log('\nsections:');
  for (const s of summary.sections) console.log(`  ${s.name.padEnd(28)} ${n(s.bytes).padStart(10)}  gzip alone ${n(s.gzip_alone).padStart(9)}`);
  console.log(`  printable strings of >= 24 characters in data: ${n(summary.string_bytes)} bytes`);
  console.log('\ncode by area (gzip alone = the area\'s bodies compressed by themselves):');
  for (const a of areas) console.log(`  ${cut(a.area, 40).padEnd(40)} ${String(a.functions).padStart(6)} fn ${n(a.bytes).padStart(10)}  gzip alone ${n(a.gzip_alone).padStart(9)}`);
  console.log(`\nlargest functions${areaFilter ? ` in ${areaFilter}` : ''}:`);
  for (const f of summary.top) console.log(`  ${n(f.bytes).padStart(8)}  ${cut(f.area, 26).padEnd(26)} ${cut(f.name, 150)}`);
  if (summary.files) {
    console.log(`\ncode by source file (objects under ${value('objects', null)}):`);
    for (const r of summary.files) console.log(`  ${cut(r.file, 52).padEnd(52)} ${String(r.functions).padStart(5)} fn ${n(r.bytes).padStart(9)}  gzip alone ${n(r.gzip_alone).padStart(8)}`);
  }
  if (summary.longest_strings.length) {
    console.log('\nlongest strings:');
    for (const s of summary.longest_strings) console.log(`  ${s.length.toString().padStart(6)}  ${cut(s.replace(/\n/g, '\\n'), 160)}`);
  }
}
