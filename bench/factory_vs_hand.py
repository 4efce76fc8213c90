#!/usr/bin/env python3
"""Issue 30's engine-overhead bench: a cold ISO build through the Factory (podman builder) against the same work by
hand with kairos-stages on this machine, from the same Debian 12 base, in one invocation.

    python3 bench/factory_vs_hand.py [--binary out/linux-x64/kairos-stages] [--engine podman|docker]

(a) by hand: the base unpacked into a directory, `kairos-stages run --root DIR --version 1.0.0` (install and init),
    `kairos-stages validate --root DIR`, `kairos-stages build-iso dir:DIR`;
(b) the Factory: a real kairos-factory server (src/Kairos.Factory's Release build) with a fresh data dir, the podman
    builder (the base imported into a podman store of the bench's own) or, with --engine docker, the docker builder on
    the daemon DOCKER_HOST names (its build cache pruned first, the base `docker import`ed), one build asking for the
    ISO (POST to the end state). Its tools image (the media stages' Debian packages) is made before the clock starts by a throwaway build
    of a tiny uploaded root that fails at once after it: the tools image is made once per engine, as the host's
    packages are installed once for (a); every layer of the image itself is cold.
Both read the debootstrap root of the test suite's cache (/var/cache/kairos-stages-ci) and stand-in release artifacts
(build/stand-in-artifacts.py: no GitHub here). Prints both wall times and the ratio Factory/hand (target <= 1.1), and
one JSON line last. Needs root, debootstrap, podman, busybox-static and a published kairos-stages.
"""
import argparse, json, os, pathlib, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from factory_cache import DEBIAN_CACHE, DOCKER, ROOT, Server, remove_images, run  # noqa: E402  (one server driver for both Factory benches)


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / "out/linux-x64/kairos-stages"))
    parser.add_argument("--engine", choices=["podman", "docker"], default="podman")
    parser.add_argument("--logs", help="copy the Factory jobs' build.log files here (where its extra time goes)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory(prefix="kf-vs-hand-", dir="/var/tmp") as tmp:
        tmp = pathlib.Path(tmp)
        artifacts = tmp / "artifacts"
        artifacts.mkdir()
        listed = run(binary, "artifacts", "list", "--all", "--arch", "amd64", "--version", "1.0.0")
        subprocess.run(["python3", str(ROOT / "build/stand-in-artifacts.py"), str(artifacts)], input=listed, text=True, check=True)

        # (a) by hand
        root = tmp / "root"
        run("debootstrap", "--variant=minbase", f"--unpack-tarball={DEBIAN_CACHE}", "bookworm", str(root))
        tarball = tmp / "debian-12-root.tar"
        run("tar", "--create", "--numeric-owner", "--exclude=./dev/*", "--file", str(tarball), "--directory", str(root), ".")
        hand = timed(binary, "run", "--root", str(root), "--version", "1.0.0", "--model", "generic", "--artifacts-dir", str(artifacts))
        hand += timed(binary, "validate", "--root", str(root), "--model", "generic")
        hand += timed(binary, "build-iso", f"dir:{root}", "--output", str(tmp / "hand-iso"), "--arch", "amd64")
        shutil.rmtree(root)
        shutil.rmtree(tmp / "hand-iso")
        print(f"hand     {hand:7.1f} s  (run + validate + build-iso)", flush=True)

        # (b) the Factory
        image = "localhost/kairos-factory-bench/debian:12"
        data = tmp / "data"
        common = ["--kairos-stages", binary, "--artifacts-dir", str(artifacts), "--workers", "1"]
        if args.engine == "podman":
            source = tmp / "podman-source"
            store = ["--root", str(source), "--runroot", str(source) + "-run", "--storage-driver", "overlay"]
            run("podman", *store, "import", str(tarball), image)
            server = Server(data, ["--builder", "podman", "--podman-root", str(source), "--tools-base", image, *common])
        else:
            run(DOCKER, "builder", "prune", "-af")
            run(DOCKER, "import", str(tarball), image)
            server = Server(data, ["--builder", "docker", "--docker", DOCKER, "--tools-base", image, *common])
        try:
            upload = server.upload(busybox_tarball(tmp))
            server.build_request({"base_upload": upload, "version": "1.0.0", "architecture": "amd64", "artifacts": {"iso": True}}, expect=None)
            factory = server.build_request({"image": image, "version": "1.0.0", "architecture": "amd64", "artifacts": {"iso": True}})
        finally:
            server.stop()
            if args.logs:
                for log in (data / "jobs").glob("*/build.log"):
                    target = pathlib.Path(args.logs) / log.parent.name
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copy(log, target / "build.log")
            remove_images(args.engine, data, store if args.engine == "podman" else [], image)
        print(f"factory  {factory:7.1f} s  ({args.engine}, cold image layers, tools image made before)", flush=True)
        print(f"ratio factory/hand {factory / hand:.3f} (target <= 1.1)", flush=True)
        print(json.dumps({"engine": args.engine, "hand_s": round(hand, 1), "factory_s": round(factory, 1), "ratio": round(factory / hand, 3)}))


if __name__ == "__main__":
    main()
