"""Checks that configuration files are whole: used by crash-config.sh after a SIGKILL.

A file is whole when it is not empty, ends with a line break, and every logical line (continuations
joined) is blank, a comment, or KEY = VALUE, where a typed array value ([ ... ]) is closed. Prints the
first file that is not whole, with the reason, and exits 1; prints nothing and exits 0 otherwise.
"""
import re
import sys

KEY_VALUE = re.compile(r'^\s*[A-Za-z0-9_.:\\-]+\s*[=:]\s*(.*)$')


def problem(path):
    data = open(path, 'rb').read()
    if not data:
        return 'empty'
    if not data.endswith(b'\n'):
        return 'no line break at the end (cut off)'
    logical, current = [], ''
    for line in data.decode('iso-8859-1').split('\n')[:-1]:
        line = line.rstrip('\r')  # fileinstall ends continued lines with CR LF
        if not current and re.match(r'^\s*[#!]', line):
            continue
        current += line
        if current.endswith('\\') and not current.endswith('\\\\'):
            current = current[:-1]
            continue
        logical.append(current)
        current = ''
    if current:
        return 'ends inside a continued line'
    for text in logical:
        if not text.strip():
            continue
        m = KEY_VALUE.match(text)
        if not m:
            return 'not KEY = VALUE: ' + text.strip()[:80]
        value = m.group(1).strip()
        if value.startswith('[') and not value.endswith(']'):
            return 'an array value that is not closed: ' + text.strip()[:80]
    return None


for p in sys.argv[1:]:
    why = problem(p)
    if why:
        print(f'{p.rsplit("/", 1)[-1]} is not whole: {why}')
        sys.exit(1)
