"""Build benchmark: a synthetic site of N vacancies and N/5 stories, against plain MkDocs.

For each size (250, 500 and 1000 vacancies by default) it prints, each figure taken in turns with
a plain MkDocs + Material build of the same Markdown (same theme, item pages out of the nav):
- the career-site build cold (empty .cache), warm (nothing changed) and after editing one vacancy,
  each with its ratio to the plain build;
- peak memory: the largest sum of resident memory of the build and its card workers;
- the size of site/ on both sides;
then the marginal cost in ms per added vacancy between sizes (flat = linear growth), and the card
renderer alone: milliseconds per card on a cold cache.

The synthetic content posts every 4th vacancy and every 2nd story to Instagram (those get portrait
cards). Run with `make bench`. BENCH_SIZES="1000,3000,10000", BENCH_RUNS=2 (cold builds) and
BENCH_WARM_RUNS=5 (warm builds; edits take half as many) choose sizes and repetitions.
BENCH_SERVE_SIZES="1000,10000" measures `make serve` at these sizes (by default the largest of
BENCH_SIZES); a size not in BENCH_SIZES is written and built once (not timed) before.
`make report` is timed on a generated access log of BENCH_REPORT_LINES lines (5,000,000: a month
of a busy site) against the largest site: lines per second and peak memory.
The change history is timed on the largest site made a Git repository with four commits (all
files, then a third of the vacancies with a new closing date, a typo in another third, new hours
in a sixth): reading it cold (empty cache) and warm, and a warm build with and without it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The example's content: the repository's own, or the copy `make new-site` keeps in tests/example/.
EXAMPLE = ROOT / "tests" / "example" if (ROOT / "tests" / "example" / "mkdocs.yml").is_file() else ROOT
TODAY = "2026-12-01"
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
PHOTOS = sorted(p.name for p in (EXAMPLE / "stories" / "img").glob("*.jpg"))
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
    for name, base in (("content", EXAMPLE), ("overrides", ROOT), ("hooks", ROOT)):
        shutil.copytree(base / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(EXAMPLE / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "vacancies").mkdir()
    shutil.copytree(EXAMPLE / "stories" / "img", folder / "stories" / "img")
    published = dt.date(2026, 11, 1)
    for i in range(stories):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        # Each story its own photo file, as on a real site: a build decodes a file once for all that
        # is drawn from it, and seven files shared by all stories would be decoded far less often.
        photo = f"img/verhaal-{i:04d}.jpg"
        shutil.copy(EXAMPLE / "stories" / "img" / PHOTOS[i % len(PHOTOS)], folder / "stories" / photo)
        front = {
            "title": f"Waarom ik elke dag met plezier werk, deel {i}",
            "name": f"Medewerker {i}",
            "role": "Adviseur",
            "department": department,
            "summary": "Een collega vertelt over het werk bij de gemeente.",
            "quote": f"Hier zie ik elke dag wat mijn werk oplevert voor de buurt, zegt collega {i}.",
            "photo": photo,
            "photo_alt": "Illustratie: een collega.",
            "channels": ["instagram", "facebook"] if i % 2 == 0 else ["linkedin"],
            "published": published - dt.timedelta(days=i % 100),
            "consent_until": dt.date(2029, 1, 1),
        }
        body = BODY.format(title="verhalen", department=department, education="hbo", hours=36)
        (folder / "stories" / f"verhaal-{i:04d}.md").write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body * 2,
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
            # Open five to six weeks, all of them on TODAY, as a real site's vacancies are (a
            # longer term is a warning: issue 26).
            "published": dt.date(2026, 11, 30) - dt.timedelta(days=i % 28),
            "closes": dt.date(2026, 11, 30) - dt.timedelta(days=i % 28) + dt.timedelta(days=35 + i % 8),
            "apply": f"https://sollicitatie.lindewaard.example/vacature/{i}",  # the application system, on its own host
            "contact": {"name": "Sanne de Wit", "role": "teamleider", "phone": "0570 75 12 34"},
            "send": ["cv", "letter"],
            "process": "standaard" if i % 3 else "assessment",
            "education": education,
            "channels": ["linkedin", "instagram"] if i % 4 == 0 else ["linkedin", "facebook"],
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
    """The same Markdown as a plain MkDocs + Material site: the same configuration without the career site."""
    docs = folder / "docs"
    shutil.copytree(site / "content", docs, ignore=shutil.ignore_patterns("data"))
    for page in docs.rglob("*.md"):
        page.write_text(without_front_matter(page), encoding="utf-8")
    # The items go where the career site publishes them: the folders of its listing pages.
    for kind, into in (("vacancies", "vacatures"), ("stories", "verhalen")):
        (docs / into).mkdir(parents=True, exist_ok=True)
        for path in (site / kind).glob("*.md"):
            (docs / into / path.name).write_text(without_front_matter(path), encoding="utf-8")
    shutil.copytree(site / "stories" / "img", docs / "verhalen" / "img")
    # The example's own configuration (theme, features, navigation, Markdown extensions, search),
    # without what the career site adds: hooks, template overrides and its settings.
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "extra_css", "extra_javascript", "exclude_docs"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["extra"].pop("careersite", None)
    config["docs_dir"] = "docs"
    config["not_in_nav"] = "/vacatures/\n/verhalen/\n"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as statm:
                rss[int(entry)] = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    tree, changed = {root}, True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return sum(rss.get(pid, 0) for pid in tree) / 2**20


def timed_build(folder: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, the build with its card workers) of one `mkdocs build`."""
    env = dict(os.environ, CAREERSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    # Measure what a user's machine does: Python keeps compiled modules (some sandboxes turn that off).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Start each build with the previous one's files on disk, so that writing them back does not
    # slow down the build being measured.
    os.sync()
    command = [sys.executable, "-c", "import sys; from mkdocs.__main__ import cli; sys.exit(cli())", "build", "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env)
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    status = process.wait()
    elapsed = time.perf_counter() - start
    sampler.join()
    if status != 0:
        raise SystemExit(f"build failed in {folder}")
    # The replaced site is deleted by a background process after the build; let it finish so that
    # it does not slow down the next measurement.
    deadline = time.monotonic() + 60
    while any(folder.glob("site.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    return elapsed, peak


def best_of(runs: int, folder: Path, before_each=None) -> tuple[float, float]:
    results = []
    for _ in range(runs):
        if before_each:
            before_each()
        results.append(timed_build(folder))
    return _best(results)


def plain_build(plain: Path) -> tuple[float, float]:
    """A plain build, its previous site removed outside the timing (ours deletes the replaced site
    in the background, after the timing stops)."""
    shutil.rmtree(plain / "site", ignore_errors=True)
    return timed_build(plain)


def in_turns(runs: int, site: Path, plain: Path, before_ours=None) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best of our builds and of plain builds, taken in turns: this machine's speed drifts by several
    per cent over a minute, and a drift must not land on one side of the ratio only."""
    ours, theirs = [], []
    for _ in range(runs):
        if before_ours:
            before_ours()
        ours.append(timed_build(site))
        theirs.append(plain_build(plain))
    return _best(ours), _best(theirs)


def _best(results: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest time, and the highest memory of any run."""
    return min(r[0] for r in results), max(r[1] for r in results)


def edit_one_vacancy(site: Path) -> None:
    """An author's edit: one vacancy's summary changes (to a new text on every run)."""
    path = site / "vacancies" / "vacature-0007.md"
    text = path.read_text(encoding="utf-8")
    edit_one_vacancy.count = getattr(edit_one_vacancy, "count", 0) + 1
    head, rest = text.split("summary: ", 1)
    line, tail = rest.split("\n", 1)
    path.write_text(f"{head}summary: Bewerkt {edit_one_vacancy.count}. {line}\n{tail}", encoding="utf-8")


def serve_latency(site: Path, runs: int = 3) -> list[float]:
    """Seconds from saving a vacancy to `mkdocs serve` serving the page with the edit, polled every
    50 ms; the first build of the server is not counted."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, CAREERSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/vacatures/vacature-0011/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    times = []
    try:
        deadline = time.monotonic() + 300
        while "<h1" not in page():
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        path = site / "vacancies" / "vacature-0011.md"
        for run in range(runs):
            marker = f"Gewijzigd in run {run} om {time.time_ns()}"
            text = path.read_text(encoding="utf-8")
            head, rest = text.split("summary: ", 1)
            _, tail = rest.split("\n", 1)
            start = time.perf_counter()
            path.write_text(f"{head}summary: {marker}\n{tail}", encoding="utf-8")
            while marker not in page():
                if time.perf_counter() - start > 120:
                    raise SystemExit("the edit did not show within 120 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def tree_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def card_throughput(site: Path) -> tuple[int, float]:
    """Cards of the site and milliseconds per card, rendered on a cold cache on all cores."""
    sys.path.insert(0, str(site / "hooks"))
    from careersite.cards.files import CardRenderer
    from careersite.config import load
    from careersite.offers import Offers
    from careersite.outputs.social import Cards

    built = load(site / "mkdocs.yml", environ={"CAREERSITE_TODAY": TODAY})
    specs = Cards(Offers(built)).all_specs()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        renderer = CardRenderer(Path(cache))
        start = time.perf_counter()
        renderer.start(specs)
        renderer.finish(Path(out))
        elapsed = time.perf_counter() - start
    return len(specs), 1000 * elapsed / len(specs)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "250,500,1000").split(",")]
    runs = int(os.environ.get("BENCH_RUNS", "2"))
    warm_runs = int(os.environ.get("BENCH_WARM_RUNS", "5"))
    print(
        f"{os.cpu_count()} cores; best of {runs} cold and {warm_runs} warm/edit runs, each taken in turns with a plain "
        "MkDocs + Material build of the same Markdown.\n"
        "Timing: every build is a fresh `mkdocs build` process; the previous site is removed outside the timing on "
        "both sides; ours keeps its caches (.cache: cards, photos, feeds, front matter, compiled templates, "
        "pages) and calls gc.freeze(), the plain side has no such caches.\n"
        "memory = peak resident, build plus card workers; edit = a build after changing one vacancy's summary; "
        "site = size of site/"
    )
    print(
        "vacancies stories |  cold s  ratio |  warm s    MB  ratio |  edit s  ratio |  plain s    MB | site MiB "
        "| plain site MiB"
    )
    rows = []
    serve_sizes = [int(s) for s in os.environ.get("BENCH_SERVE_SIZES", str(sizes[-1])).split(",")]
    sites: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix="careersite-bench-") as tmp:
        for vacancies in sizes:
            stories = vacancies // 5
            site, plain = Path(tmp) / f"site-{vacancies}", Path(tmp) / f"plain-{vacancies}"
            sites[vacancies] = site
            site.mkdir(), plain.mkdir()
            write_site(site, vacancies, stories)
            write_plain(plain, site)
            (cold, _), (plain_cold, _) = in_turns(
                runs, site, plain, lambda site=site: shutil.rmtree(site / ".cache", ignore_errors=True)
            )
            (warm, warm_mb), (theirs, theirs_mb) = in_turns(warm_runs, site, plain)
            (edited, _), (plain_edit, _) = in_turns(
                max(2, warm_runs // 2), site, plain, lambda site=site: edit_one_vacancy(site)
            )
            plain_best = min(plain_cold, theirs, plain_edit)
            size, plain_size = tree_mib(site / "site"), tree_mib(plain / "site")
            rows.append((vacancies, warm, plain_best))
            print(
                f"{vacancies:>9} {stories:>7} | {cold:>7.2f} {cold / plain_best:>5.2f}x | {warm:>7.2f} {warm_mb:>5.0f} "
                f"{warm / plain_best:>5.2f}x | {edited:>7.2f} {edited / plain_best:>5.2f}x | {plain_best:>8.2f} "
                f"{theirs_mb:>5.0f} | {size:>8.1f} | {plain_size:>14.1f}",
                flush=True,
            )
        print("growth, ms per added vacancy (with its 1/5 story) between sizes:")
        for (n0, w0, p0), (n1, w1, p1) in itertools.pairwise(rows):
            ours, theirs = 1000 * (w1 - w0) / (n1 - n0), 1000 * (p1 - p0) / (n1 - n0)
            print(f"  {n0:>5} -> {n1:<5}  ours warm {ours:6.2f}   plain {theirs:6.2f}")
        lines = int(os.environ.get("BENCH_REPORT_LINES", "5000000"))
        seconds, per_second, peak = report_throughput(sites[sizes[-1]], lines)
        print(
            f"make report on a {lines:,}-line access log: {seconds:.1f} s, {per_second:,.0f} lines per second, "
            f"peak memory {peak} MB",
            flush=True,
        )
        cold_history, warm_history, with_git, without_git, changed = history_cost(sites[sizes[-1]])
        print(
            f"change history at {sizes[-1]} vacancies, 4 commits ({changed} vacancies with changes): "
            f"read {cold_history * 1000:.0f} ms cold, {warm_history * 1000:.0f} ms warm; "
            f"warm build {with_git:.2f} s in a repository, {without_git:.2f} s without",
            flush=True,
        )
        count, per_card = card_throughput(site)
        print(f"card renderer alone, cold cache: {count} cards, {per_card:.2f} ms per card on {os.cpu_count()} cores")
        for vacancies in serve_sizes:
            site = sites.get(vacancies) or Path(tmp) / f"serve-{vacancies}"
            if vacancies not in sites:
                site.mkdir()
                write_site(site, vacancies, vacancies // 5)
                timed_build(site)  # the cards and caches a working copy has
            latency = serve_latency(site)
            print(
                f"make serve at {vacancies} vacancies: save -> page shows the edit in "
                + ", ".join(f"{t:.2f}" for t in latency)
                + f" s (best {min(latency):.2f} s)",
                flush=True,
            )


def write_log(path: Path, lines: int, site: Path) -> None:
    """A month of a busy site's access log (combined format): the site's pages, assets and feeds,
    people and crawlers, referrers of every channel; the same for the same `lines`."""
    rng = random.Random(7)
    pages = [f"/vacatures/vacature-{i:04d}/" for i in range(0, 1000, 7)] + ["/", "/vacatures/", "/verhalen/"]
    pages = [p for p in pages if (site / "site" / p.lstrip("/") / "index.html").is_file()] or ["/"]
    other = ["/assets/careersite/careersite.css", "/feeds/vacatures.xml", "/wp-login.php", "/cards/x.png"]
    referrers = [
        "-",
        "https://www.linkedin.com/",
        "https://lnkd.in/x",
        "https://l.facebook.com/l.php",
        "https://t.co/y",
        "https://l.instagram.com/",
        "https://www.google.nl/",
        "https://duckduckgo.com/",
        "https://nieuws.example/",
    ]
    agents = [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    ]
    start = dt.datetime(2026, 11, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with path.open("w", encoding="utf-8") as f:
        for i in range(lines):
            when = (start + dt.timedelta(seconds=i * 30 * 86400 // lines)).strftime("%d/%b/%Y:%H:%M:%S %z")
            target = rng.choice(pages) if rng.random() < 0.6 else rng.choice(other)
            f.write(
                f'192.0.2.{i % 250} - - [{when}] "GET {target} HTTP/1.1" 200 4096 '
                f'"{rng.choice(referrers)}" "{rng.choice(agents)}"\n'
            )


def history_cost(site: Path) -> tuple[float, float, float, float, int]:
    """The change history of `site` made a repository: seconds to read it cold and warm, a warm
    build's seconds in the repository and without it, and how many vacancies show changes."""
    sys.path.insert(0, str(site / "hooks"))
    from zoneinfo import ZoneInfo

    from careersite import history

    without_git = min(timed_build(site)[0] for _ in range(2))
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.org",
    )

    def commit(day: str) -> None:
        moment = f"{day}T12:00:00+01:00"
        stamp = dict(env, GIT_AUTHOR_DATE=moment, GIT_COMMITTER_DATE=moment)
        subprocess.run(
            ["git", "add", "-A", "vacancies", "stories", "content", "mkdocs.yml"], cwd=site, env=stamp, check=True
        )
        subprocess.run(["git", "commit", "-q", "-m", day], cwd=site, env=stamp, check=True)

    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=site, check=True)
    commit("2026-10-20")
    files = sorted((site / "vacancies").glob("*.md"))
    for day, chosen, change in (
        ("2026-11-20", files[0::3], ("closes: ", "closes: 2027-02-26\n#")),
        ("2026-11-21", files[1::3], ("## Wat ga je doen", "## Wat ga je  doen")),
        ("2026-11-22", files[2::6], ("hours: ", "hours: 20\n#")),
    ):
        for path in chosen:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
        commit(day)
    cache = site / ".cache"
    (cache / history.CACHE).unlink(missing_ok=True)
    zone = ZoneInfo("Europe/Amsterdam")
    started = time.perf_counter()
    found = history.read(site, site / "vacancies", zone, cache)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    history.read(site, site / "vacancies", zone, cache)
    warm = time.perf_counter() - started
    timed_build(site)  # the pages with their history, once
    with_git = min(timed_build(site)[0] for _ in range(2))
    shutil.rmtree(site / ".git")
    return cold, warm, with_git, without_git, len(found)


def report_throughput(site: Path, lines: int) -> tuple[float, float, int]:
    """`make report` on a generated log of `lines` lines: seconds, lines per second, peak MB."""
    log = site / "access.log"
    write_log(log, lines, site)
    env = dict(os.environ, CAREERSITE_TODAY=TODAY, PYTHONPATH=str(ROOT / "hooks"))
    started = time.perf_counter()
    with (site / "report.out").open("w") as out:
        command = [sys.executable, "-m", "careersite", "report", str(log), "--out", str(site / "r")]
        process = subprocess.Popen(command, cwd=site, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this process's own peak, not the builds' before it
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    log.unlink()
    if process.returncode:
        raise SystemExit((site / "report.out").read_text())
    peak_kb = usage.ru_maxrss
    return seconds, lines / seconds, peak_kb // 1024


if __name__ == "__main__":
    main()
