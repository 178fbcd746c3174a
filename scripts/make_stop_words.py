"""Write voxpop/enrich/stop_words.json: the stop word lists of the topics step, one per language voxpop
supports, so that no package is needed at run time.

    pip install stopwordsiso==0.7.1 && python scripts/make_stop_words.py [--check]

``--check`` writes nothing and fails when the committed file differs from what the script makes.

Source: the ``stopwordsiso`` package (stopwords-iso, MIT licence). It has no list for Icelandic and
one Norwegian list ("no"): Bokmål takes that list; Nynorsk takes it plus the Nynorsk forms written
below; Icelandic is the short list written below (by the voxpop authors, Apache-2.0 like the rest).
Entries with digits or spaces are dropped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import stopwordsiso

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "voxpop" / "enrich" / "stop_words.json"
LANGUAGES = ("da", "sv", "nb", "nn", "fi", "is", "en", "de", "nl", "fr",
             "it", "es", "pt", "pl", "et", "lt", "lv", "ru", "tr", "ro")  # fmt: skip
SOURCE = {"nb": "no", "nn": "no"}

NYNORSK = """
eg meg deg ho han dei dykk me oss vi kva korleis kvar kven kvifor ikkje berre noko nokon nokre
mykje frå òg og vere vore vert vart blir eit ein ei sjølv medan fordi sidan då no her der dette
desse denne hjå mot mellom utan etter før over under inn ut opp ned at som om til av på med for
er var har hadde kan kunne skal skulle vil ville må måtte sin si sitt sine hennar hans deira
"""
ICELANDIC = """
og að í á er sem til það en um við með var ekki fyrir af hann hún þeir þær þau ég þú eru verið
hafa hefur hafði frá eftir eða þegar þar hér svo sig sér sín sína sinn sitt þetta þessi þessa
þessum þessu hvað hver hverju hvernig hvar hvers mjög líka allt alla allir öll nú bara eins upp
út inn yfir undir milli vegna þó ef því þá voru verður mun myndi getur gat skal vera einn ein
eitt annar önnur annað okkur okkar ykkur þeim þess hans hennar mig mér mín þig þér þín
"""


def main() -> None:
    lists: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        words: set[str] = set()
        if lang != "is":
            words |= set(stopwordsiso.stopwords(SOURCE.get(lang, lang)))
        if lang == "nn":
            words |= set(NYNORSK.split())
        if lang == "is":
            words |= set(ICELANDIC.split())
        lists[lang] = sorted(w.lower() for w in words if w and not any(c.isdigit() or c.isspace() for c in w))
    meta = {"source": "stopwordsiso 0.7.1 (stopwords-iso, MIT licence); is and the Nynorsk additions "
                      "written by the voxpop authors", "script": "scripts/make_stop_words.py"}
    made = json.dumps({"meta": meta, "languages": lists}, ensure_ascii=False, separators=(",", ":")) + "\n"
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != made:
            sys.exit(f"{OUT} differs from what {Path(__file__).name} makes: run it again")
        print(f"{OUT} is up to date")
        return
    OUT.write_text(made, encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes): " + ", ".join(f"{k} {len(v)}" for k, v in lists.items()))


if __name__ == "__main__":
    main()
