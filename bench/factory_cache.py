#!/usr/bin/env python3
"""Issue 30's cache bench: a second Factory build of the same base that changes only the version, against the first.

    python3 bench/factory_cache.py [--binary out/linux-x64/kairos-stages] [--engines podman,docker]

For each engine, in one invocation: a real kairos-factory server (src/Kairos.Factory's Release build, `dotnet
kairos-factory.dll serve`) on 127.0.0.1 with a fresh data dir, the Debian 12 debootstrap root of the test suite's
cache (/var/cache/kairos-stages-ci) imported as the base, stand-in release artifacts (build/stand-in-artifacts.py:
no GitHub here), and two builds asking for the rootfs only: version 1.0.0 (cold: the engine's build cache emptied
first), then 1.0.1. Prints each wall time (POST to the end state) and the ratio second/first; the target is <= 0.35.
The docker engine is the daemon DOCKER_HOST names, driven by Debian's /usr/bin/docker; its build cache is pruned
(`docker builder prune -af`) before the first build: run it against a daemon of its own, as .ci/run starts one.
Needs root, debootstrap, podman, and a published kairos-stages. Prints one JSON line last.
"""
import argparse, hashlib, json, os, pathlib, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCKER = "/usr/bin/docker"
DEBIAN_CACHE = "/var/cache/kairos-stages-ci/bookworm-minbase.tgz"


def run(*cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data, flags):
        self.port = free_port()
        dll = ROOT / "src/Kairos.Factory/bin/Release/net10.0/kairos-factory.dll"
        if not dll.exists():
            sys.exit(f"{dll} not found: dotnet build src/Kairos.Factory -c Release first")
        self.log = open(data.parent / f"{data.name}.log", "w")
        self.process = subprocess.Popen(["dotnet", str(dll), "serve", "--listen", f"127.0.0.1:{self.port}", "--data-dir", str(data), *flags],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.data = data
        for _ in range(120):
            try:
                urllib.request.urlopen(self.url("/api/v1/healthz"), timeout=2)
                break
            except OSError:
                time.sleep(1)
        else:
            sys.exit(f"the server did not answer; see {self.log.name}")
        self.token = (data / "secrets" / "api-token").read_text().strip()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.url(path), method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def build(self, image, version):
        """Wall time in seconds of a rootfs-only build of IMAGE at VERSION; exits on anything but success."""
        return self.build_request({"image": image, "version": version, "architecture": "amd64", "artifacts": {"rootfs": True}})

    def build_request(self, body, expect="succeeded"):
        """Wall time in seconds from the POST of BODY to the build's end; exits unless it ended EXPECT (None: any end)."""
        start = time.perf_counter()
        created = self.call("POST", "/api/v1/builds", body)
        while True:
            state = self.call("GET", f"/api/v1/builds/{created['id']}")
            if state["status"] in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(0.25)  # the wall time is the poll's: a 1 s poll added 0.5 s to each build on average
        elapsed = time.perf_counter() - start
        if expect is not None and state["status"] != expect:
            sys.exit(f"build {created['id']} ended {state['status']}: {state.get('message')}")
        return elapsed

    def upload(self, tarball):
        """POSTs a root tarball to /uploads; its upload ID."""
        request = urllib.request.Request(self.url("/api/v1/uploads"), method="POST", data=pathlib.Path(tarball).read_bytes(),
                                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/x-tar"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["id"]

    def stop(self):
        self.process.terminate()
        self.process.wait(60)
        self.log.close()


def remove_images(engine, data, store, image):
    """Removes what a bench server's builds left in the engine: podman's shared store under DATA and the bench's own
    STORE (rmi, not 'system reset', which also empties /run/libpod under every other podman running); in docker, the
    imported base IMAGE and the tools images the server made."""
    if engine == "podman":
        runroot = "/run/kairos-factory/store-" + hashlib.sha256(str(data).encode()).hexdigest()[:16]
        shared = ["--root", str(data / "podman" / "root"), "--runroot", runroot, "--storage-driver", "overlay"]
        subprocess.run(["podman", *shared, "rmi", "--all", "--force"], capture_output=True)
        subprocess.run(["podman", *store, "rmi", "--all", "--force"], capture_output=True)
    else:
        tools = subprocess.run([DOCKER, "image", "ls", "--quiet", "localhost/kairos-factory/tools"], capture_output=True, text=True).stdout.split()
        subprocess.run([DOCKER, "image", "rm", "--force", image, *tools], capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "out/linux-x64/kairos-stages"))
    parser.add_argument("--engines", default="podman,docker")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    results = {}
    with tempfile.TemporaryDirectory(prefix="kf-cache-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        root = tmp / "root"
        run("debootstrap", "--variant=minbase", f"--unpack-tarball={DEBIAN_CACHE}", "bookworm", str(root))
        tarball = tmp / "debian-12-root.tar"
        run("tar", "--create", "--numeric-owner", "--exclude=./dev/*", "--file", str(tarball), "--directory", str(root), ".")
        shutil.rmtree(root)
        artifacts = tmp / "artifacts"
        artifacts.mkdir()
        listed = run(binary, "artifacts", "list", "--all", "--arch", "amd64", "--version", "1.0.0")
        subprocess.run(["python3", str(ROOT / "build/stand-in-artifacts.py"), str(artifacts)], input=listed, text=True, check=True)
        common = ["--kairos-stages", binary, "--artifacts-dir", str(artifacts), "--workers", "1"]
        for engine in args.engines.split(","):
            image = "localhost/kairos-factory-bench/debian:12"
            data = tmp / f"data-{engine}"
            if engine == "podman":
                source = tmp / "podman-source"
                store = ["--root", str(source), "--runroot", str(source) + "-run", "--storage-driver", "overlay"]
                run("podman", *store, "import", str(tarball), image)
                flags = ["--builder", "podman", "--podman-root", str(source), *common]
            else:
                run(DOCKER, "builder", "prune", "-af")
                run(DOCKER, "import", str(tarball), image)
                flags = ["--builder", "docker", "--docker", DOCKER, *common]
            server = Server(data, flags)
            try:
                first = server.build(image, "1.0.0")
                second = server.build(image, "1.0.1")
            finally:
                server.stop()
                remove_images(engine, data, store if engine == "podman" else [], image)
            results[engine] = {"first_s": round(first, 1), "second_s": round(second, 1), "ratio": round(second / first, 3)}
            print(f"{engine:<7} first {first:7.1f} s  second (version only) {second:7.1f} s  ratio {second / first:.3f}", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
