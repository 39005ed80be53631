#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the repo's own case tables (crate/tests/cases): never from outside data.

    scripts/fuzz-seeds.py [CORPUS_DIR]      default crate/fuzz/corpus

check_url        one file per URL of urls.tsv (and the same without its scheme)
check_page_json  one JSON file per page case of pages.toml (the facts as the content script sends them)
check_page       one byte per page case: the structured target starts from that case unchanged
Existing files are kept (the corpus a fuzzer grew stays); seeds are named by their content's hash.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'crate', 'tests', 'cases')


def put(d, data):
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, 'seed-' + hashlib.sha1(data).hexdigest()[:16])
    if not os.path.exists(p):
        with open(p, 'wb') as f:
            f.write(data)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'crate', 'fuzz', 'corpus')
    n = {'check_url': 0, 'check_page_json': 0, 'check_page': 0}
    with open(os.path.join(CASES, 'urls.tsv'), encoding='utf-8') as f:
        for line in f:
            if not line.strip() or line.startswith('#'):
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 3:
                continue
            url = cols[2]
            put(os.path.join(out, 'check_url'), url.encode())
            n['check_url'] += 1
            if '://' in url:
                put(os.path.join(out, 'check_url'), url.split('://', 1)[1].encode())
    try:
        import tomllib
    except ImportError:  # Python < 3.11: the page seeds are skipped, the structured target has its own
        tomllib = None
    if tomllib:
        with open(os.path.join(CASES, 'pages.toml'), 'rb') as f:
            cases = tomllib.load(f)['case']
        for c in cases:
            put(os.path.join(out, 'check_page_json'), json.dumps(c['facts'], ensure_ascii=False).encode())
            n['check_page_json'] += 1
        for i in range(len(cases)):
            put(os.path.join(out, 'check_page'), bytes([i]))
            n['check_page'] += 1
    print('seeds: ' + ', '.join(f'{k} {v}' for k, v in n.items()))


if __name__ == '__main__':
    main()
