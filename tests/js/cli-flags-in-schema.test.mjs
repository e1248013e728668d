// Every flag the CLI accepts is a key of the option schema (seqlab.schema()), but for the files it reads and
// writes. The flags are read from the CLI itself: `seqlab --help` lists the commands, and `seqlab CMD --help`
// lists a command's flags in one section per schema group ("run options:") and one of files ("files:"),
// generated from the same tables the parser accepts (cli/main.cpp, cli/args.h). So a numeric or textual
// option added to a command outside the schema, or a section that is no group, fails here.
//
// The files are the CLI's own arguments, on purpose outside the schema: a path means nothing to the JS API
// or the page. They are listed by hand below (FILES), so that a new own flag of a command needs an explicit
// entry here, as a file, to pass. (The JS API's options: tests/js/options-in-schema.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const seqlab = await createSeqlab();
const schema = seqlab.schema();

const clis = [
  ['native', new URL('build/native/seqlab', root).pathname, []],
  ['node', process.execPath, [new URL('bin/seqlab.cjs', root).pathname]],
];

/** The CLI's own arguments, each a file path (camelCase, as the flag's key), per command. */
const FILES = {
  stats: ['text'],
  ngram: ['train', 'eval', 'arpa'],
  train: ['train', 'save', 'resume'],
  generate: ['model'],
  eval: ['model', 'arpa', 'text'],
  export: ['model', 'out', 'pytorchScript'],
};

const camel = (flag) => flag.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

function stdoutOf(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The command names of `seqlab --help` (the lines under "commands:"). */
function commandsOf(help) {
  const lines = help.split('\n');
  const from = lines.indexOf('commands:');
  assert.ok(from >= 0, 'seqlab --help has a "commands:" section');
  const names = [];
  for (const line of lines.slice(from + 1)) {
    const m = /^ {2}([a-z]+) {2,}\S/.exec(line);
    if (!m) break;
    names.push(m[1]);
  }
  return names;
}

/**
 * A command's --help as its sections: [{section: 'run' | 'files' | ..., lines: [{flag, key, text}]}].
 * A section starts at a line "<group> options:" or "files:"; a flag line is "  --name  help".
 */
function sectionsOf(help) {
  const sections = [];
  for (const line of help.split('\n')) {
    const header = /^(?:(\w+) options|(files)):$/.exec(line);
    if (header) {
      sections.push({ section: header[1] ?? header[2], lines: [] });
      continue;
    }
    const flag = /^ {2}--([a-z0-9-]+)\s+(.*)$/.exec(line);
    if (flag) {
      assert.ok(sections.length, `a flag line before any section: ${line}`);
      sections.at(-1).lines.push({ flag: flag[1], key: camel(flag[1]), text: flag[2] });
    }
  }
  return sections;
}

for (const [name, command, prefix] of clis) {
  test(`every flag of every command is a schema key or one of its files (${name})`, () => {
    const commands = commandsOf(stdoutOf(command, [...prefix, '--help']));
    assert.deepEqual([...commands].sort(), Object.keys(FILES).sort(), 'the commands are those FILES lists');
    let optionFlags = 0;
    for (const cmd of commands) {
      const sections = sectionsOf(stdoutOf(command, [...prefix, cmd, '--help']));
      const files = [];
      const keys = new Set();
      for (const { section, lines } of sections) {
        if (section === 'files') {
          for (const line of lines) {
            assert.match(line.text, /\(a file\)$/, `${cmd} --${line.flag}: a file's help line says so`);
            files.push(line.key);
          }
          continue;
        }
        assert.ok(section in schema, `${cmd}: section "${section} options" is not a schema group`);
        for (const line of lines) {
          const spec = schema[section].find((s) => s.key === line.key);
          assert.ok(spec, `${cmd} --${line.flag}: not a key of schema.${section}`);
          assert.ok(line.text.startsWith(spec.help), `${cmd} --${line.flag}: the help of schema.${section}.${line.key}`);
          keys.add(line.key);
          ++optionFlags;
        }
      }
      assert.deepEqual(files, FILES[cmd], `${cmd}: its own flags are exactly its files`);
      // A file flag that is also an option's flag would make one of them unreachable.
      assert.deepEqual(files.filter((f) => keys.has(f)), [], `${cmd}: a file named like an option`);
    }
    assert.ok(optionFlags >= 60, `only ${optionFlags} option flags seen: is --help still read right?`);
  });
}

test('the sections reader sees a flag outside the schema when there is one', () => {
  // The reader itself, on a help text with an own numeric flag of the kind the CLI used to have.
  const sections = sectionsOf('usage\n\nrun options:\n  --epochs    whole passes\n\ncommand options:\n  --top N\n');
  assert.deepEqual(sections.map((s) => s.section), ['run', 'command']);
  assert.ok(!('command' in schema), 'a "command options" section is not a schema group');
  assert.equal(sections[1].lines[0].key, 'top');
});
