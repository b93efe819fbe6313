#!/usr/bin/python3
"""pseudo-locale.py TEMPLATE OUTPUT: a catalogue where every message is
"translated" into full-width letters (two terminal columns each), keeping
printf directives, shell $variables and escapes as they are.

A message printed through gettext then shows up wide, one left in English
shows up narrow: the tests see which strings the catalogue reaches, and how
the output lines up with wide text."""

import re
import sys

# printf directives (%s, %3u, %1$s, %%), shell variables ($path, ${path}),
# backslash escapes, Python's {fields} and --long-options stay as they are.
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t)?[a-zA-Z%]"
                  r"|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"
                  r"|\\."
                  r"|\{[A-Za-z0-9_]*\}"
                  r"|--?[a-z][a-z-]*")


def widen(text):
    out, last = [], 0
    for match in KEEP.finditer(text):
        out.append(widen_plain(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(widen_plain(text[last:]))
    return "".join(out)


def widen_plain(text):
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in text)


def main():
    source, target = sys.argv[1:3]
    lines = open(source, encoding="utf-8").read().splitlines()
    out, in_msgid, msgid, in_header, entries = [], False, [], False, 0
    for line in lines:
        if line.startswith("msgid ") or line.startswith("msgid_plural "):
            in_msgid = True
            if line.startswith("msgid "):
                msgid = [line.split(" ", 1)[1]]
                # The header is the first entry, with an empty msgid.
                in_header = entries == 0 and line == 'msgid ""'
                entries += 1
            else:
                msgid.append(line.split(" ", 1)[1])
            out.append(line)
        elif line.startswith("msgstr"):
            in_msgid = False
            key = line.split(" ", 1)[0]
            if in_header:
                out.append(line)
            else:
                # msgstr / msgstr[0] = msgid, msgstr[1] = msgid_plural.
                index = 1 if key == "msgstr[1]" else 0
                text = msgid[index] if index < len(msgid) else msgid[0]
                out.append('%s "%s"' % (key, widen(text[1:-1])))
        elif line.startswith('"') and in_msgid:
            msgid[-1] = msgid[-1][:-1] + line[1:]
            out.append(line)
        elif line.startswith('"') and in_header:
            out.append(line.replace("charset=CHARSET", "charset=UTF-8")
                       .replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);"))
        elif line.startswith('"'):
            continue  # the msgstr was written whole
        else:
            out.append(line)
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
