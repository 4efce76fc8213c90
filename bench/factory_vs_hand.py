#!/usr/bin/env python3
"""Issue 30's engine-overhead bench: a cold ISO build through the Factory against the same work by hand with
kairos-stages on this machine, from the same Debian 12 base, in one invocation.

    python3 bench/factory_vs_hand.py [--binary out/linux-x64/kairos-stages] [--engine podman|docker] [--repeat N]
                                     [--apt-cache DIR | --no-apt-cache] [--logs DIR]

(a) by hand: the base unpacked into a directory, `kairos-stages run --root DIR --version 1.0.0` (install and init),
    `kairos-stages validate --root DIR`, `kairos-stages build-iso dir:DIR`;
(b) the Factory: a real kairos-factory server (src/Kairos.Factory's Release build) with a fresh data dir, the podman
    builder (the base imported into a podman store of the bench's own) or, with --engine docker, the docker builder on
    the daemon DOCKER_HOST names (its build cache pruned first, the base `docker import`ed), one build asking for the
    ISO (POST to the end state). Its tools image (the media stages' Debian packages) is made before the clock starts by a throwaway build
    of a tiny uploaded root that fails at once after it: the tools image is made once per engine, as the host's
    packages are installed once for (a); every layer of the image itself is cold.
With --repeat N, N pairs (a) then (b) alternate, each on a fresh root and a fresh server (cold engine layers); each
pair's line is printed, then the medians and the median of the pairs' ratios.
Package downloads: unless --no-apt-cache, both sides fetch every package through one apt-cacher-ng (Debian's package)
that the bench starts on 127.0.0.1 with a cache dir that outlives the run (--apt-cache, default
/var/tmp/kf-bench-apt-cache), warmed before the clock by an untimed by-hand install when it is new. The base root
itself carries the proxy (/etc/apt/apt.conf.d/00kf-bench-proxy), so (a) and (b) reach it the same way (the engines
build with --network host); neither the product nor its command lines change. Without it, each side downloads from
the Debian mirror, and a ratio carries the mirror's speed of the minute.
Each pair also prints the engine's own time in the Factory's job (its log's span less the commands' own durations as
they print them): the part of the ratio that is the engine's, without the RUN lines' minute-to-minute noise.
Each side's clock starts after a sync: no write of its set-up or of the other side's run (a 1 GB root and a 435 MB ISO,
made and deleted) is still pending when it starts, to be flushed during its package installs.
Both read the debootstrap root of the test suite's cache (/var/cache/kairos-stages-ci) and stand-in release artifacts
(build/stand-in-artifacts.py: no GitHub here). Prints the wall times and the ratio Factory/hand (target <= 1.1), and
one JSON line last. Needs root, debootstrap, podman, busybox-static, apt-cacher-ng and a published kairos-stages.
"""
import argparse, datetime, json, os, pathlib, re, shutil, socket, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from factory_cache import DEBIAN_CACHE, DOCKER, ROOT, Server, remove_images, run  # noqa: E402  (one server driver for both Factory benches)

PROXY_CONF = "etc/apt/apt.conf.d/00kf-bench-proxy"


def timed(*cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def busybox_tarball(tmp):
    root = tmp / "busybox-root"
    (root / "bin").mkdir(parents=True)
    shutil.copy("/bin/busybox", root / "bin" / "busybox")
    os.symlink("busybox", root / "bin" / "sh")
    tarball = tmp / "busybox.tar"
    run("tar", "--create", "--numeric-owner", "--file", str(tarball), "--directory", str(root), ".")
    return tarball


def free_low_port():
    """A free port of 3142-3241 (apt-cacher-ng 3.7 cannot bind an ephemeral port such as 49305: 'Error resolving address')."""
    for port in range(3142, 3242):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    sys.exit("no free port in 3142-3241 for apt-cacher-ng")


class AptCache:
    """A private apt-cacher-ng on 127.0.0.1 (its own empty config: no remapping to other mirrors), cache in DIR."""

    def __init__(self, directory):
        self.dir = pathlib.Path(directory)
        conf = self.dir / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "acng.conf").write_text("")
        self.port = free_low_port()
        self.log = open(self.dir / "acng.out", "w")
        self.process = subprocess.Popen(["/usr/sbin/apt-cacher-ng", "-c", str(conf), "ForeGround=1", "BindAddress=127.0.0.1", f"Port={self.port}",
                                         f"CacheDir={self.dir / 'cache'}", f"LogDir={self.dir / 'log'}", f"SocketPath={self.dir / 'socket'}",
                                         f"PidFile={self.dir / 'pid'}"], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(50):
            if subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{self.port}/"]).returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        sys.exit(f"apt-cacher-ng did not answer; see {self.log.name}")

    def configure(self, root):
        (root / PROXY_CONF).write_text(f'Acquire::http::Proxy "http://127.0.0.1:{self.port}/";\n')

    def stop(self):
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


def fresh_root(tmp, cache):
    root = tmp / "root"
    run("debootstrap", "--variant=minbase", f"--unpack-tarball={DEBIAN_CACHE}", "bookworm", str(root))
    if cache:
        cache.configure(root)
    return root


def by_hand(binary, tmp, artifacts, cache):
    root = fresh_root(tmp, cache)
    os.sync()  # the clock starts with no write of the set-up (or of the other side's run) still pending
    hand = timed(binary, "run", "--root", str(root), "--version", "1.0.0", "--model", "generic", "--artifacts-dir", str(artifacts))
    hand += timed(binary, "validate", "--root", str(root), "--model", "generic")
    hand += timed(binary, "build-iso", f"dir:{root}", "--output", str(tmp / "hand-iso"), "--arch", "amd64")
    shutil.rmtree(root)
    shutil.rmtree(tmp / "hand-iso")
    return hand


def engine_seconds(data):
    """The engine's own time in the timed job: its log's span less what the commands inside the engine took by their own
    account (every `run` line's "succeeded in", build-iso's "in", validate from its RUN line to its verdict). This share
    does not carry the RUN lines' own noise (package installs vary by 10 s from one minute to the next), so it shows what
    the engine adds even where a pair's ratio cannot."""
    def at(line):
        return datetime.datetime.fromisoformat(line[:23])

    for log in (data / "jobs").glob("*/build.log"):
        lines = log.read_text().splitlines()
        if not any("Install base packages  " in line for line in lines):
            continue  # the throwaway build that made the tools image
        commands = 0.0
        for line in lines:
            match = re.search(r"kairos-stages: succeeded in ([\d.]+)s", line) or re.search(r"build-iso: wrote .* in ([\d.]+)s$", line)
            if match:
                commands += float(match.group(1))
        started = next(at(line) for line in lines if re.search(r'RUN .*"validate"', line))
        verdict = next(at(line) for line in lines if "image is Kairos-ready" in line)
        commands += (verdict - started).total_seconds()
        return (at(lines[-1]) - at(lines[0])).total_seconds() - commands
    sys.exit(f"no job log of the timed build under {data / 'jobs'}")


def through_factory(args, binary, tmp, artifacts, tarball, pair):
    image = "localhost/kairos-factory-bench/debian:12"
    data = tmp / f"data-{pair}"
    common = ["--kairos-stages", binary, "--artifacts-dir", str(artifacts), "--workers", "1"]
    if args.engine == "podman":
        source = tmp / "podman-source"
        store = ["--root", str(source), "--runroot", str(source) + "-run", "--storage-driver", "overlay"]
        run("podman", *store, "import", str(tarball), image)
        server = Server(data, ["--builder", "podman", "--podman-root", str(source), "--tools-base", image, *common])
    else:
        store = []
        run(DOCKER, "builder", "prune", "-af")
        run(DOCKER, "import", str(tarball), image)
        server = Server(data, ["--builder", "docker", "--docker", DOCKER, "--tools-base", image, *common])
    try:
        upload = server.upload(busybox_tarball(tmp) if not (tmp / "busybox.tar").exists() else tmp / "busybox.tar")
        server.build_request({"base_upload": upload, "version": "1.0.0", "architecture": "amd64", "artifacts": {"iso": True}}, expect=None)
        os.sync()
        wall = server.build_request({"image": image, "version": "1.0.0", "architecture": "amd64", "artifacts": {"iso": True}})
        return wall, engine_seconds(data)
    finally:
        server.stop()
        if args.logs:
            for log in (data / "jobs").glob("*/build.log"):
                target = pathlib.Path(args.logs) / f"{pair}-{log.parent.name}"
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy(log, target / "build.log")
        remove_images(args.engine, data, store, image)
        shutil.rmtree(data, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "out/linux-x64/kairos-stages"))
    parser.add_argument("--engine", choices=["podman", "docker"], default="podman")
    parser.add_argument("--repeat", type=int, default=1, help="pairs of (by hand, Factory) runs, alternating")
    parser.add_argument("--apt-cache", default="/var/tmp/kf-bench-apt-cache", help="apt-cacher-ng's cache dir (kept across runs)")
    parser.add_argument("--no-apt-cache", action="store_true", help="both sides download from the Debian mirror")
    parser.add_argument("--logs", help="copy the Factory jobs' build.log files here (where its extra time goes)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    cache = None if args.no_apt_cache else AptCache(args.apt_cache)
    try:
        with tempfile.TemporaryDirectory(prefix="kf-vs-hand-", dir="/var/tmp") as tmp:
            tmp = pathlib.Path(tmp)
            artifacts = tmp / "artifacts"
            artifacts.mkdir()
            listed = run(binary, "artifacts", "list", "--all", "--arch", "amd64", "--version", "1.0.0")
            subprocess.run(["python3", str(ROOT / "build/stand-in-artifacts.py"), str(artifacts)], input=listed, text=True, check=True)
            if cache and not (cache.dir / "warmed").exists():
                root = fresh_root(tmp, cache)
                warm = timed(binary, "run", "--root", str(root), "--stage", "install", "--model", "generic", "--artifacts-dir", str(artifacts))
                shutil.rmtree(root)
                (cache.dir / "warmed").write_text(f"{warm:.1f} s\n")
                print(f"warm-up  {warm:7.1f} s  (untimed by-hand install, filled {cache.dir})", flush=True)
            root = fresh_root(tmp, cache)
            tarball = tmp / "debian-12-root.tar"
            run("tar", "--create", "--numeric-owner", "--exclude=./dev/*", "--file", str(tarball), "--directory", str(root), ".")
            shutil.rmtree(root)
            pairs = []
            for pair in range(1, args.repeat + 1):
                hand = by_hand(binary, tmp, artifacts, cache)
                print(f"hand     {hand:7.1f} s  (run + validate + build-iso)", flush=True)
                factory, engine = through_factory(args, binary, tmp, artifacts, tarball, pair)
                print(f"factory  {factory:7.1f} s  ({args.engine}, cold image layers, tools image made before)", flush=True)
                print(f"engine   {engine:7.1f} s  (the job's time outside its commands' own; (hand + engine)/hand {(hand + engine) / hand:.3f})", flush=True)
                pairs.append({"hand_s": round(hand, 1), "factory_s": round(factory, 1), "ratio": round(factory / hand, 3), "engine_s": round(engine, 1)})
                print(f"ratio factory/hand {factory / hand:.3f} (pair {pair}/{args.repeat}, target <= 1.1)", flush=True)
    finally:
        if cache:
            cache.stop()
    result = {"engine": args.engine, "apt_cache": cache is not None,
              "hand_s": round(statistics.median(p["hand_s"] for p in pairs), 1), "factory_s": round(statistics.median(p["factory_s"] for p in pairs), 1),
              "ratio": round(statistics.median(p["ratio"] for p in pairs), 3), "engine_s": round(statistics.median(p["engine_s"] for p in pairs), 1)}
    if args.repeat > 1:
        result["pairs"] = pairs
        print(f"median   hand {result['hand_s']:.1f} s  factory {result['factory_s']:.1f} s  ratio of pairs {result['ratio']:.3f} (target <= 1.1)"
              f"  engine {result['engine_s']:.1f} s", flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
