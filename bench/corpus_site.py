#!/usr/bin/env python3
"""Turn the neutral corpus written by gen_corpus.py (OUTDIR/articles/*.md) into a
dossier site: site.yaml, content/articles with dossier front matter (title, date,
outlet), and content/entities and content/themes built from the corpus's own
entity and theme pools, so dossier does its full analysis on the same text Hugo
renders.

Usage: corpus_site.py CORPUS_DIR SITE_DIR GEN_CORPUS_PY
"""
import importlib.util
import json
import os
import re
import shutil
import sys


def load_generator(path):
    spec = importlib.util.spec_from_file_location("gen_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def front_matter(text):
    if not text.startswith("---\n"):
        raise ValueError("no front matter")
    head, body = text[4:].split("\n---\n", 1)
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields, body


def kind_of(name, generator):
    if name in generator.COUNTRIES:
        return "country"
    if name.split()[-1] in generator.ORG_C:
        return "organisation"
    return "person"


def main(corpus, site, generator_path):
    generator = load_generator(generator_path)
    if os.path.exists(site):
        shutil.rmtree(site)
    articles = os.path.join(site, "content", "articles")
    entities = os.path.join(site, "content", "entities")
    themes = os.path.join(site, "content", "themes")
    for folder in (articles, entities, themes):
        os.makedirs(folder)
    with open(os.path.join(site, "site.yaml"), "w") as out:
        out.write("title: Benchmark dossier\nlanguage: en\n")
    names, theme_names = set(), set()
    source_dir = os.path.join(corpus, "articles")
    for file_name in sorted(os.listdir(source_dir)):
        with open(os.path.join(source_dir, file_name)) as source:
            fields, body = front_matter(source.read())
        names.update(json.loads(fields.get("entities", "[]")))
        theme_names.update(json.loads(fields.get("themes", "[]")))
        head = {
            "title": fields["title"],
            "date": json.dumps(fields["date"].strip('"')[:10]),
            "outlet": fields["source"],
        }
        with open(os.path.join(articles, file_name), "w") as out:
            out.write("---\n")
            for key, value in head.items():
                out.write(f"{key}: {value}\n")
            out.write("---\n" + body)
    for name in sorted(names):
        with open(os.path.join(entities, slug(name) + ".md"), "w") as out:
            out.write(f"---\nname: {json.dumps(name)}\nkind: {kind_of(name, generator)}\n---\n")
    for name in sorted(theme_names):
        with open(os.path.join(themes, slug(name) + ".md"), "w") as out:
            out.write(
                f"---\nname: {json.dumps(name)}\nkeywords:\n  - {json.dumps(name.lower())}\n---\n"
            )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
