#!/usr/bin/env python3
"""Writes COUNT synthetic "best soundtracks" lists as needledrop JSON files, for the load test.

    gen_lists.py CATALOG.toml COUNT OUT_DIR [LISTS_PER_FILE=100]

Each list names 10 to 25 films of the catalog, popular films more often (Zipf-like), with a
printed year most of the time, a blurb, a song or two under some entries, and now and then a
title the catalog does not know (so review and provisional films are exercised too). Outlets
repeat, as real critics publish several lists. Deterministic from a fixed seed.
"""
import json
import os
import random
import sys
import tomllib


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    catalog, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    per_file = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    with open(catalog, "rb") as f:
        films = tomllib.load(f)["film"]
    rng = random.Random(20261129)
    # A stable popularity order: some films are on almost every list, most on few.
    order = films[:]
    rng.shuffle(order)
    outlets = [f"Outlet {i:03}" for i in range(400)]
    os.makedirs(out, exist_ok=True)
    written = 0
    file_no = 0
    while written < count:
        lists = []
        for _ in range(min(per_file, count - written)):
            size = rng.randint(10, 25)
            chosen = []
            while len(chosen) < min(size, len(order)):
                i = int((rng.random() ** 2) * len(order))
                if order[i] not in chosen:
                    chosen.append(order[i])
            entries = []
            for rank, film in zip(range(size, 0, -1), chosen):
                entry = {"rank": rank, "title": film["title"]}
                if film.get("year") and rng.random() < 0.8:
                    entry["year"] = film["year"]
                if rng.random() < 0.03:
                    # A film the catalog does not have.
                    entry["title"] = f"Unlisted Picture {rng.randint(1, 3000)}"
                    entry.pop("year", None)
                entry["blurb"] = (
                    f"Number {rank} on list {written + 1}: the needle drops land, "
                    f"and the score carries the quiet scenes."
                )
                if rng.random() < 0.3:
                    entry["songs"] = [
                        {
                            "title": f"{entry['title']} Theme {rng.randint(1, 3)}",
                            "artist": f"Artist {rng.randint(1, 200)}",
                        }
                    ]
                entries.append(entry)
            written += 1
            lists.append(
                {
                    "title": f"The {size} best movie soundtracks (list {written})",
                    "outlet": rng.choice(outlets),
                    "date": f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
                    "order": "descending",
                    "entries": entries,
                }
            )
        file_no += 1
        with open(os.path.join(out, f"lists-{file_no:04}.json"), "w") as f:
            json.dump(lists, f)
    print(f"{written} lists in {file_no} files under {out}")


if __name__ == "__main__":
    main()
