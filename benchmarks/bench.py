"""Build-time benchmark: a synthetic site of N vacancies and stories, against plain MkDocs.

Prints, for 1000 vacancies and 200 stories (and smaller sizes, to show growth is linear):
the career-site build time, the time of a plain MkDocs + Material build of the same Markdown
(same theme, pages kept out of the navigation), and the peak memory of each build.

Run with `make bench`. Set BENCH_SIZES="250,500,1000" to choose the vacancy counts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"
HEADER = "vacancies stories | careersite s     MB | plain MkDocs s     MB | ratio | ms/vacancy"
DEPARTMENTS = [
    "Ruimte en Wonen",
    "Openbare Ruimte",
    "Sociaal Domein",
    "Dienstverlening",
    "Bedrijfsvoering",
    "Informatie en ICT",
]
LOCATIONS = ["Stadskantoor, Lindewaard", "Gemeentewerf, Oosterbroek", "Servicepunt Heidedorp"]
EDUCATION = ["mbo", "hbo", "wo"]
HOURS = ["36", "32-36", "24", "28", "16-24"]
BODY = """## Wat ga je doen

Je werkt aan {title} voor de inwoners van Lindewaard. Je overlegt met collega's, inwoners en
partners, en je zorgt dat afspraken ook echt worden nagekomen. Geen dag is hetzelfde.

## Waar kom je te werken

Je komt in een team van twaalf collega's binnen de afdeling {department}.

## Wat vragen wij

- Een afgeronde opleiding op {education}-niveau.
- Je schrijft helder en je luistert goed.
- Ervaring in een vergelijkbare rol is mooi meegenomen.

## Wat bieden wij

Een baan voor {hours} uur per week, goede arbeidsvoorwaarden en ruimte om te leren.
"""


def write_site(folder: Path, vacancies: int, stories: int) -> None:
    """A copy of the example site with synthetic vacancies and stories."""
    rng = random.Random(42)
    for name in ("content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "vacancies").mkdir()
    (folder / "stories" / "img").mkdir(parents=True)
    shutil.copy(ROOT / "stories" / "img" / "henk-bosman.jpg", folder / "stories" / "img" / "photo.jpg")
    published = dt.date(2026, 11, 1)
    for i in range(stories):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        (folder / "stories" / f"verhaal-{i:04d}.md").write_text(
            "---\n"
            + yaml.safe_dump(
                {
                    "title": f"Waarom ik elke dag met plezier werk, deel {i}",
                    "name": f"Medewerker {i}",
                    "role": "Adviseur",
                    "department": department,
                    "summary": "Een collega vertelt over het werk bij de gemeente.",
                    "quote": "Hier zie ik elke dag wat mijn werk oplevert voor de buurt.",
                    "photo": "img/photo.jpg",
                    "photo_alt": "Illustratie: een collega.",
                    "published": published - dt.timedelta(days=i % 100),
                    "consent_until": dt.date(2029, 1, 1),
                },
                allow_unicode=True,
                sort_keys=False,
            )
            + "---\n\n"
            + BODY.format(title="verhalen", department=department, education="hbo", hours=36) * 2,
            encoding="utf-8",
        )
    for i in range(vacancies):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        education = rng.choice(EDUCATION)
        hours = rng.choice(HOURS)
        title = f"Adviseur {department.lower()} {i}"
        front = {
            "title": title,
            "summary": f"Je helpt de gemeente vooruit als {title.lower()}. Een baan met veel contact met inwoners.",
            "department": department,
            "location": rng.choice(LOCATIONS),
            "hours": hours,
            "scale": rng.randint(6, 12),
            "published": published - dt.timedelta(days=i % 60),
            "closes": dt.date(2027, 12, 1) + dt.timedelta(days=i % 50),
            "apply": f"https://werkenbij.lindewaard.example/solliciteren/{i}",
            "contact": {"name": "Sanne de Wit", "role": "teamleider", "phone": "0570 75 12 34"},
            "process": "standaard" if i % 3 else "assessment",
            "education": education,
        }
        (folder / "vacancies" / f"vacature-{i:04d}.md").write_text(
            "---\n"
            + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
            + "---\n\n"
            + BODY.format(title=title, department=department, education=education, hours=hours),
            encoding="utf-8",
        )


def without_front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


def write_plain(folder: Path, site: Path) -> None:
    """The same Markdown as a plain MkDocs + Material site: no hooks, item pages not in the nav."""
    docs = folder / "docs"
    shutil.copytree(site / "content", docs, ignore=shutil.ignore_patterns("data"))
    for page in docs.rglob("*.md"):
        page.write_text(without_front_matter(page), encoding="utf-8")
    for kind in ("vacancies", "stories"):
        for path in (site / kind).glob("*.md"):
            (docs / kind / path.name).write_text(without_front_matter(path), encoding="utf-8")
    shutil.copytree(site / "stories" / "img", docs / "stories" / "img")
    config = {
        "site_name": "Plain",
        "site_url": "https://example.org/",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False, "language": "nl"},
        "plugins": ["search"],
        "nav": [{"Home": "index.md"}],
        "not_in_nav": "/vacancies/\n/stories/\n*.md\n",
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def timed_build(folder: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one `mkdocs build` in `folder`."""
    env = dict(os.environ, CAREERSITE_TODAY=TODAY)
    command = [sys.executable, "-c", "import sys; from mkdocs.__main__ import cli; sys.exit(cli())", "build", "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {folder}")
    return elapsed, usage.ru_maxrss / 1024


def best_of(runs: int, folder: Path) -> tuple[float, float]:
    results = [timed_build(folder) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "250,500,1000").split(",")]
    runs = int(os.environ.get("BENCH_RUNS", "2"))
    print(HEADER)
    with tempfile.TemporaryDirectory(prefix="careersite-bench-") as tmp:
        for vacancies in sizes:
            stories = vacancies // 5
            site, plain = Path(tmp) / f"site-{vacancies}", Path(tmp) / f"plain-{vacancies}"
            site.mkdir(), plain.mkdir()
            write_site(site, vacancies, stories)
            write_plain(plain, site)
            ours, ours_mb = best_of(runs, site)
            theirs, theirs_mb = best_of(runs, plain)
            print(
                f"{vacancies:>9} {stories:>7} | {ours:>12.2f} {ours_mb:>6.0f} | {theirs:>14.2f} {theirs_mb:>6.0f} | "
                f"{ours / theirs:>5.2f} | {1000 * ours / vacancies:>6.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
