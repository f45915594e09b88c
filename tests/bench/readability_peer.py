#!/usr/bin/python3
"""readability_peer.py: readability-lxml (Debian python3-readability) on web
pages, the peer of `margo extract` in `make bench`.

usage: readability_peer.py PAGE...   (each .html or .html.gz)
Writes one JSON line per page, {"path", "text"}, the text of the article
readability finds (its summary HTML made text with lxml), for web-score.
"""
import gzip
import json
import sys

import lxml.html
from readability import Document


def text_of(html):
    doc = Document(html)
    tree = lxml.html.fromstring(doc.summary(html_partial=True))
    paras = []
    for el in tree.iter("p", "h1", "h2", "h3", "h4", "li", "pre", "blockquote"):
        t = " ".join(el.text_content().split())
        if t:
            paras.append(t)
    return "\n\n".join(paras)


for path in sys.argv[1:]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    try:
        text = text_of(raw)
    except Exception as e:  # a page readability cannot read: no text
        text = ""
    print(json.dumps({"path": path, "text": text}, ensure_ascii=False))
