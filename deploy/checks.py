#!/usr/bin/env python3
"""The parts of deploy/check that are easier in Python than in shell.

Run by deploy/check with the tools' virtualenv (PyYAML and the docker SDK installed there):

    checks.py context    ROOT TARGET_DIR   the Dockerfile's context compiles on its own
    checks.py dockerfile ROOT              numeric USER, exact tags, multi-stage, HEALTHCHECK
    checks.py unit       UNIT_FILE         restart back-off and the directives haven relies on
    checks.py compose    CONFIG_JSON       the effective compose config (docker compose config)
    checks.py litestream-config PROD TEST DB REPLICA KEY   derive the round trip's config
    checks.py seed       DB ROUND          write rows while Litestream replicates
    checks.py compare    ORIGINAL RESTORED rows identical, integrity_check ok

Each prints what it checked and exits 1 with a reason when a check fails.
"""

import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from fnmatch import fnmatchcase

DOCKERFILE = "deploy/Dockerfile"


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------- Dockerfile parsing


def dockerfile_instructions(path):
    """(instruction, arguments) pairs, continuation lines joined, comments dropped."""
    out = []
    pending = ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            if pending and stripped.startswith("#"):
                continue
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            full = (pending + line).strip()
            pending = ""
            if not full:
                continue
            word, _, rest = full.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def stages(path):
    """The build stages: dicts with image, name and their instructions."""
    result = []
    for ins, args in dockerfile_instructions(path):
        if ins == "FROM":
            words = [w for w in args.split() if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
            result.append({"image": words[0], "name": name, "ins": []})
        elif result:
            result[-1]["ins"].append((ins, args))
    return result


def copy_args(args):
    """Flags, sources and destination of a COPY/ADD (shell or JSON form)."""
    words = shlex.split(args)
    flags = {}
    while words and words[0].startswith("--"):
        key, _, value = words.pop(0)[2:].partition("=")
        flags[key] = value
    rest = " ".join(words)
    if rest.startswith("["):
        words = json.loads(rest)
    if len(words) < 2:
        fail(f"COPY needs a source and a destination: COPY {args}")
    return flags, words[:-1], words[-1]


# ---------------------------------------------------------------- 1. the build context


def context_files(root):
    """Every file Docker would send as the context: the root minus .dockerignore."""
    from docker.utils.build import exclude_paths

    patterns = []
    ignore = os.path.join(root, ".dockerignore")
    if os.path.exists(ignore):
        with open(ignore, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    patterns.append(line)
    included = set(exclude_paths(root, patterns, dockerfile=DOCKERFILE))
    return {p for p in included if os.path.isfile(os.path.join(root, p))}


def copy_into(root, files, sources, dest, workdir, image_root):
    """Lay out what one COPY puts into the image, under image_root. Returns the count."""
    if not dest.startswith("/"):
        dest = os.path.join(workdir, dest)
    dest_is_dir = dest.endswith("/") or len(sources) > 1
    count = 0
    for src in sources:
        src = os.path.normpath(src.lstrip("/")) if src not in (".", "./") else "."
        wildcard = any(c in src for c in "*?[")
        if wildcard:
            # Go's filepath.Match: a wildcard does not cross '/'.
            depth = src.count("/")
            matches = {
                "/".join(p.split("/")[: depth + 1])
                for p in files
                if p.count("/") >= depth
                and fnmatchcase("/".join(p.split("/")[: depth + 1]), src)
            }
        else:
            matches = {src}
        found = False
        for m in sorted(matches):
            under = [p for p in files if m == "." or p == m or p.startswith(m + "/")]
            if not under:
                continue
            found = True
            if m in files:  # one file
                target = (
                    os.path.join(dest, os.path.basename(m))
                    if dest_is_dir or wildcard
                    else dest
                )
                pairs = [(m, target)]
            else:  # a directory: its contents go into dest
                pairs = [
                    (p, os.path.join(dest, os.path.relpath(p, m))) for p in under
                ]
            for p, target in pairs:
                out = os.path.join(image_root, target.lstrip("/"))
                os.makedirs(os.path.dirname(out), exist_ok=True)
                shutil.copy2(os.path.join(root, p), out)
                count += 1
        if not found:
            fail(
                f"COPY {src} -> {dest}: nothing in the build context matches "
                "(missing, or excluded by .dockerignore)"
            )
    return count


def check_context(root, target_dir):
    files = context_files(root)
    print(f"context: {len(files)} files after .dockerignore")
    for secret in ("deploy/discord_token", "deploy/litestream.env", "deploy/haven.env"):
        if os.path.exists(os.path.join(root, secret)) and secret in files:
            fail(f"{secret} would be sent to the Docker daemon: add it to .dockerignore")
    builder = None
    with tempfile.TemporaryDirectory(prefix="haven-context-") as tmp:
        for i, stage in enumerate(stages(os.path.join(root, DOCKERFILE))):
            image_root = os.path.join(tmp, f"stage{i}")
            workdir = "/"
            copied = 0
            for ins, args in stage["ins"]:
                if ins == "WORKDIR":
                    workdir = os.path.join(workdir, args)
                elif ins in ("COPY", "ADD"):
                    flags, sources, dest = copy_args(args)
                    if "from" in flags:
                        continue
                    copied += copy_into(root, files, sources, dest, workdir, image_root)
                elif ins == "RUN" and re.search(r"\bcargo build\b", args):
                    builder = (stage, image_root, workdir, args)
                    break
            label = stage["name"] or f"stage {i}"
            print(f"context: stage {label} ({stage['image']}) copies {copied} files")
        if builder is None:
            fail(f"{DOCKERFILE}: no stage runs `cargo build`")
        stage, image_root, workdir, run = builder
        cmd = run[run.index("cargo build") :].split("&&")[0].split()
        args = ["cargo", "check"] + [a for a in cmd[2:] if a != "--release"]
        where = os.path.join(image_root, workdir.lstrip("/"))
        print(f"context: in a copy of {stage['name']}:{workdir}: {' '.join(args)}")
        env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
        done = subprocess.run(args, cwd=where, env=env)
        if done.returncode != 0:
            fail(
                "the files the Dockerfile copies do not build "
                f"(`{' '.join(args)}` exited {done.returncode})"
            )
    print("context: ok")


# ---------------------------------------------------------------- 2. the Dockerfile's rules

EXACT_TAG = re.compile(r"^[^:@]+:\d+\.\d+(\.\d+)?([-.][A-Za-z0-9.-]+)?$")


def check_dockerfile(root):
    all_stages = stages(os.path.join(root, DOCKERFILE))
    names = {s["name"] for s in all_stages if s["name"]}
    if len(all_stages) < 2:
        fail("the Dockerfile is not multi-stage (the toolchain would ship in the image)")
    for s in all_stages:
        if s["image"] in names:
            continue
        if not EXACT_TAG.match(s["image"]) and "@sha256:" not in s["image"]:
            fail(f"FROM {s['image']}: pin an exact version tag (like debian:12.11-slim)")
        print(f"dockerfile: FROM {s['image']}: exact version")
    final = all_stages[-1]["ins"]
    users = [a for i, a in final if i == "USER"]
    if not users or not re.fullmatch(r"\d+(:\d+)?", users[-1]):
        fail("the final stage must end with a numeric USER uid[:gid]")
    if users[-1].split(":")[0] == "0":
        fail("the final stage runs as root")
    print(f"dockerfile: USER {users[-1]}")
    if any(i == "VOLUME" for i, _ in final):
        fail("VOLUME gives every `docker run` without -v an anonymous volume; mount a named one")
    checks = [a for i, a in final if i == "HEALTHCHECK"]
    if not checks or "health" not in checks[-1] or checks[-1].strip() == "NONE":
        fail("the final stage needs a HEALTHCHECK running `haven health`")
    print(f"dockerfile: HEALTHCHECK {checks[-1]}")
    print("dockerfile: ok")


# ---------------------------------------------------------------- 3. the systemd unit

SECONDS = {"": 1, "s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hr": 3600, "d": 86400}
DAILY_IDENTIFY_LIMIT = 1000
# The most shards one process may own under the unit's limits (the comment in haven.service).
SHARDS_PER_PROCESS = 6


def seconds(value):
    total = 0
    for number, unit in re.findall(r"(\d+)\s*([a-z]*)", value):
        if unit not in SECONDS:
            fail(f"cannot read the time span {value!r}")
        total += int(number) * SECONDS[unit]
    return total


def check_unit(path):
    keys = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if "=" in line and not line.startswith(("#", ";", "[")):
                k, _, v = line.partition("=")
                keys.setdefault(k, []).append(v)
    need = {
        "Type": "notify",
        "Restart": "on-failure",
        "RestartPreventExitStatus": "78",
    }
    for k, v in need.items():
        if keys.get(k, [None])[-1] != v:
            fail(f"haven.service needs {k}={v}")
    for k in ("WatchdogSec", "RestartSec", "StartLimitIntervalSec", "StartLimitBurst"):
        if k not in keys:
            fail(f"haven.service needs {k}=")
    if not any(v.startswith("discord_token:") for v in keys.get("LoadCredential", [])):
        fail("haven.service needs LoadCredential=discord_token:... for the token")
    for k in ("RestartSteps", "RestartMaxDelaySec"):
        if k in keys:
            fail(f"{k}= needs systemd 254; Debian 12's systemd 252 ignores it")
    if any("DISCORD_TOKEN=" in v for v in keys.get("Environment", [])):
        fail("the token must not be in Environment=")
    restart = seconds(keys["RestartSec"][-1])
    interval = seconds(keys["StartLimitIntervalSec"][-1])
    burst = int(keys["StartLimitBurst"][-1])
    if burst < 1 or interval <= 0:
        fail("StartLimitBurst= and StartLimitIntervalSec= must limit starts")
    if (burst - 1) * restart >= interval:
        fail(
            f"a fast crash loop never reaches the start limit: ({burst} - 1) x {restart} s "
            f">= {interval} s"
        )
    windows = -(-86400 // interval) + 1
    per_day = burst * windows
    print(
        f"unit: RestartSec={restart}s, at most {burst} starts per {interval}s: "
        f"a fast loop stops after {burst} starts; at most {per_day} starts a day "
        f"({per_day * SHARDS_PER_PROCESS} IDENTIFYs with {SHARDS_PER_PROCESS} shards)"
    )
    if per_day * SHARDS_PER_PROCESS >= DAILY_IDENTIFY_LIMIT:
        fail(f"{per_day} starts a day x {SHARDS_PER_PROCESS} shards reaches Discord's 1,000")
    print("unit: ok")


# ---------------------------------------------------------------- 4. compose


def check_compose(config_json):
    with open(config_json, encoding="utf-8") as f:
        cfg = json.load(f)
    services = cfg.get("services", {})
    haven = services.get("haven")
    if haven is None:
        fail("compose: no haven service")
    build = haven.get("build", {})
    dockerfile = os.path.join(build.get("context", ""), build.get("dockerfile", "Dockerfile"))
    if not os.path.isfile(dockerfile) or not os.path.samefile(
        os.path.dirname(dockerfile), os.path.dirname(config_json) + "/compose/deploy"
    ):
        fail(f"compose: haven's build does not use deploy/Dockerfile (resolves to {dockerfile})")
    print(f"compose: haven builds {os.path.relpath(dockerfile, build['context'])} "
          "with the repository root as context")
    restart = haven.get("restart", "no")
    m = re.fullmatch(r"on-failure(?::(\d+))?", restart)
    if not m or not m.group(1) or not 1 <= int(m.group(1)) <= 10:
        fail(
            f"compose: haven has restart: {restart}; only on-failure:N (1-10) is bounded "
            "(always and unless-stopped restart on exit 78 forever)"
        )
    print(f"compose: haven restart {restart}")
    for name, svc in services.items():
        user = str(svc.get("user", ""))
        if not re.fullmatch(r"[1-9]\d*:\d+", user):
            fail(f"compose: {name} needs a numeric non-root user uid:gid, has {user!r}")
        log = svc.get("logging", {})
        opts = log.get("options", {})
        if log.get("driver") == "json-file":
            if "max-size" not in opts or "max-file" not in opts:
                fail(f"compose: {name}'s json-file logs need max-size and max-file")
        elif log.get("driver") != "local":
            fail(f"compose: {name} needs rotated logs (json-file with max-size, or local)")
        mounts = {
            v.get("target"): v
            for v in svc.get("volumes", [])
            if v.get("type") == "volume"
        }
        data = mounts.get("/var/lib/haven")
        if not data or data.get("source") != "haven-data":
            fail(f"compose: {name} must mount the named volume haven-data at /var/lib/haven")
        print(f"compose: {name}: user {user}, logs {log.get('driver')} {opts}, haven-data")
    vol = cfg.get("volumes", {}).get("haven-data")
    if vol is None or vol.get("driver", "local") != "local" or vol.get("external"):
        fail("compose: the haven-data volume must be declared, with the local driver")
    test = haven.get("healthcheck", {}).get("test", [])
    if "health" not in test or haven["healthcheck"].get("disable"):
        fail("compose: haven needs a healthcheck running `haven health`")
    env = haven.get("environment", {})
    if "DISCORD_TOKEN" in env:
        fail("compose: the token must not be in the environment; use the secret")
    if env.get("DISCORD_TOKEN_FILE") != "/run/secrets/discord_token":
        fail("compose: DISCORD_TOKEN_FILE must name /run/secrets/discord_token")
    secrets = [s.get("source") for s in haven.get("secrets", [])]
    if "discord_token" not in secrets or "discord_token" not in cfg.get("secrets", {}):
        fail("compose: haven needs the discord_token secret")
    print(f"compose: healthcheck {test}, secret discord_token")
    print("compose: ok")


# ---------------------------------------------------------------- 5. Litestream


def litestream_config(prod, test, db, replica, key):
    """The round trip's config: the production file with its database and replica moved."""
    import yaml

    with open(prod, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    dbs = cfg.get("dbs") or []
    if len(dbs) != 1 or "replica" not in dbs[0] or "replicas" in dbs[0]:
        fail("litestream.yml: one database with one `replica:` (Litestream 0.5)")
    if dbs[0].get("path") != "/var/lib/haven/haven.db":
        fail("litestream.yml must replicate /var/lib/haven/haven.db (compose's volume)")
    prod_replica = dbs[0]["replica"]
    if prod_replica.get("type") == "s3" and not (
        prod_replica.get("sse-customer-key-path")
        or prod_replica.get("sse-customer-key")
        or prod_replica.get("sse-kms-key-id")
    ):
        fail("litestream.yml: the S3 replica must be encrypted (SSE-C or SSE-KMS)")
    # The production file as Litestream reads it, with only the key file moved here.
    parse = dict(cfg)
    parse["dbs"] = [dict(dbs[0], replica=dict(prod_replica))]
    if "sse-customer-key-path" in prod_replica:
        parse["dbs"][0]["replica"]["sse-customer-key-path"] = key
    with open(test + ".prod", "w", encoding="utf-8") as f:
        yaml.safe_dump(parse, f)
    # The round trip: the same settings, a local directory as the replica.
    sync = prod_replica.get("sync-interval")
    cfg["dbs"] = [
        {
            "path": db,
            "replica": {"type": "file", "path": replica, "sync-interval": "1s"},
        }
    ]
    with open(test, "w", encoding="utf-8") as f:
        yaml.safe_dump(cfg, f)
    print(f"litestream: production replica {prod_replica.get('type')}, sync {sync}; test replica {replica}")


def seed(db, rnd):
    """One round of writes, the way haven writes: WAL, IMMEDIATE transactions."""
    conn = sqlite3.connect(db, timeout=5, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS deploy_check_rows ("
        "id INTEGER PRIMARY KEY, round INTEGER NOT NULL, body TEXT NOT NULL, blob BLOB)"
    )
    for t in range(10):
        conn.execute("BEGIN IMMEDIATE")
        for i in range(50):
            conn.execute(
                "INSERT INTO deploy_check_rows (round, body, blob) VALUES (?, ?, ?)",
                (int(rnd), f"round {rnd} txn {t} row {i} ☀", os.urandom(64)),
            )
        conn.execute("UPDATE deploy_check_rows SET body = body || '.' WHERE id % 7 = ?", (t,))
        conn.execute("DELETE FROM deploy_check_rows WHERE id % 97 = ?", (t,))
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    conn.close()


def snapshot(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    schema = conn.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    rows = {}
    for t in tables:
        quoted = '"' + t.replace('"', '""') + '"'
        rows[t] = sorted(conn.execute(f"SELECT * FROM {quoted}").fetchall(), key=repr)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    check = conn.execute("PRAGMA integrity_check").fetchall()
    conn.close()
    return schema, rows, version, check


def compare(original, restored):
    s1, r1, v1, c1 = snapshot(original)
    s2, r2, v2, c2 = snapshot(restored)
    for name, rows in sorted(r1.items()):
        print(f"litestream: {name}: {len(rows)} rows, restored {len(r2.get(name, []))}")
    print(f"litestream: integrity_check original {c1}, restored {c2}")
    if c2 != [("ok",)]:
        fail(f"the restored database fails PRAGMA integrity_check: {c2}")
    if s1 != s2:
        fail("the restored database's schema differs from the original's")
    if v1 != v2:
        fail(f"user_version differs: {v1} != {v2}")
    if r1 != r2:
        diff = [t for t in r1 if r1[t] != r2.get(t)]
        fail(f"the restored rows differ from the original's in {diff}")
    if not r1.get("deploy_check_rows"):
        fail("no rows were written: the round trip proved nothing")
    print("litestream: rows identical")


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    cmd, args = argv[1], argv[2:]
    table = {
        "context": check_context,
        "dockerfile": check_dockerfile,
        "unit": check_unit,
        "compose": check_compose,
        "litestream-config": litestream_config,
        "seed": seed,
        "compare": compare,
    }
    if cmd not in table:
        fail(f"unknown check {cmd}")
    table[cmd](*args)


if __name__ == "__main__":
    main(sys.argv)
