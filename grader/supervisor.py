"""In-sandbox supervisor: PID 1 of every grading container.

This file is NOT imported by the grader: sandbox.py sends its source over the
container's stdin and the image's python3 runs it as PID 1 (see docs/grader.md).
Being PID 1 of the container's PID namespace it cannot be killed from inside
(the kernel drops SIGKILL sent to a namespace init by its own descendants),
it reaps orphans, and `kill(-1, SIGKILL)` after every run removes whatever a
submission left behind (daemons, forks). It makes itself non-dumpable so that
processes of the same uid cannot open /proc/1/fd or /proc/1/mem.

Protocol: one JSON request per line on stdin; every reply is a line
`<nonce> <json>` on stdout. The supervisor never judges anything: it runs
commands under limits and reports what happened; the host decides.
Requests: {"op": "hello", "nonce"}; {"op": "files", "files": {name: b64}};
{"op": "tree", "entries": [[path, b64 or null, mode]], "root"} (a fresh /work/run, or
given files added to /work);
{"op": "run", "argv" or "argv_b64", "exec", "cwd", "env", "stdin", "wall", "cpu", "output",
"fsize", "nofile", "report_dir", "digest"}; {"op": "reset"}; {"op": "exit"}.

Whatever a submission can do inside the container ends in a `run` reply, never in an
`error` reply (which the host takes for a broken sandbox): when the process cannot even
be started (its leftovers still hold the pids limit, say), the reply says `spawn_error`.
"""

import base64
import contextlib
import ctypes
import hashlib
import json
import os
import resource
import select
import shutil
import signal
import sys
import time

WORK = "/work"
RUN_DIR = "/work/run"  # a test's working directory when it has a workdir fixture
REPORT_MAX = 16384  # bytes of sanitizer reports sent back
NONCE = ""
OOM_FILES = ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events")


def reply(obj):
    sys.stdout.write(NONCE + " " + json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def oom_count():
    """The cgroup's OOM-kill counter (None when not readable)."""
    for path in OOM_FILES:
        try:
            with open(path) as fh:
                for line in fh:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except (OSError, ValueError):
            continue
    return None


def kill_everything(reap_them=True):
    """Kill every other process of the namespace and reap them (PID 1 only)."""
    if os.getpid() != 1:
        return
    with contextlib.suppress(OSError):
        os.kill(-1, signal.SIGKILL)
    if reap_them:
        reap()


def reap(wait=2.0):
    """Reap every child; after `kill(-1)`, wait up to `wait` s for the dying ones too.

    SIGKILL is delivered asynchronously: a process killed a moment ago still counts
    against the pids limit until it is reaped, so the next run's fork could fail.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                return
            time.sleep(0.002)


def child(argv, env, stdin_fd, out_w, err_w, req):
    """In the forked child: limits, fds, then exec (never returns)."""
    try:
        os.setsid()
        os.dup2(stdin_fd, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.closerange(3, 65536)
        try:
            with open("/proc/self/oom_score_adj", "w") as fh:
                fh.write("1000")
        except OSError:
            pass
        cpu = int(req.get("cpu", 2))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        fsize = int(req.get("fsize", 4 << 20))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        nofile = int(req.get("nofile", 64))
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        stack = int(req.get("stack", 8 << 20))
        resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
        os.chdir(req.get("cwd") or WORK)
        os.execve(req.get("exec") or argv[0], argv, env)
    except BaseException as exc:
        try:
            os.write(2, (f"cannot run {argv[0]}: {exc}\n").encode())
        finally:
            os._exit(127)


def spawn():
    """fork(), retrying a little while the pids limit is still held by dying processes."""
    for attempt in range(50):
        try:
            return os.fork()
        except BlockingIOError:  # EAGAIN: pids cgroup full
            if attempt == 49:
                raise
            kill_everything()
            time.sleep(0.01)
    raise AssertionError("unreachable")


def run(req):
    if "argv_b64" in req:
        argv = [base64.b64decode(a) for a in req["argv_b64"]]
    else:
        argv = [str(a) for a in req["argv"]]
    report_dir = req.get("report_dir")
    if report_dir:
        shutil.rmtree(report_dir, ignore_errors=True)
        os.makedirs(report_dir, mode=0o700)
    env = {str(k): str(v) for k, v in req.get("env", {}).items()}
    wall = float(req.get("wall", 2.0))
    cap = int(req.get("output", 65536))
    keep_err = int(req.get("keep_err", 4096))
    digest = hashlib.sha256() if req.get("digest") else None
    keep_out = min(cap, 65536) if digest else cap  # a digested stdout keeps only its start
    stdin_fd = os.memfd_create("stdin", 0)
    os.write(stdin_fd, base64.b64decode(req.get("stdin", "")))
    os.lseek(stdin_fd, 0, os.SEEK_SET)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    ooms = oom_count()
    start = time.monotonic()
    try:
        pid = spawn()
    except OSError as exc:
        for fd in (stdin_fd, out_r, out_w, err_r, err_w):
            os.close(fd)
        return {"spawn_error": f"{type(exc).__name__}: {exc.strerror or exc}"[:200]}
    if pid == 0:
        child(argv, env, stdin_fd, out_w, err_w, req)
    os.close(stdin_fd)
    os.close(out_w)
    os.close(err_w)
    out, err = bytearray(), bytearray()
    total = 0
    open_fds = {out_r: out, err_r: err}
    poller = select.poll()
    for fd in open_fds:
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    status = rusage = None
    timed_out = over = False
    deadline = start + wall
    while True:
        if status is None:
            wpid, wstatus, ru = os.wait4(pid, os.WNOHANG)
            if wpid == pid:
                status, rusage = wstatus, ru
                kill_everything()
                deadline = min(deadline, time.monotonic() + 1.0)
        if status is not None and not open_fds:
            break
        now = time.monotonic()
        if over:
            break
        if now >= deadline:
            if status is None:
                timed_out = True
            break
        # with no pipe left open only the exit is awaited: poll briefly
        wait_ms = 20 if open_fds else 1
        for fd, _ in poller.poll(max(1, min(int((deadline - now) * 1000) + 1, wait_ms))):
            chunk = os.read(fd, 65536)
            if not chunk:
                poller.unregister(fd)
                del open_fds[fd]
                continue
            total += len(chunk)
            buf = open_fds[fd]
            if digest is not None and buf is out:
                digest.update(chunk)
            room = (keep_out if buf is out else keep_err) - len(buf)
            if room > 0:
                buf += chunk[:room]
            if total > cap:
                over = True
    if status is None:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        kill_everything(reap_them=False)
        _, status, rusage = os.wait4(pid, 0)
    kill_everything()
    for fd in (out_r, err_r):
        with contextlib.suppress(OSError):
            os.close(fd)
    elapsed = time.monotonic() - start
    cpu = rusage.ru_utime + rusage.ru_stime
    result = {
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": None,
        "timeout": timed_out,
        "output_limit": over,
        "oom": False,
        "out": base64.b64encode(bytes(out)).decode(),
        "err": base64.b64encode(bytes(err)).decode(),
        "cpu": round(cpu, 3),
        "wall": round(elapsed, 3),
        "maxrss_kb": rusage.ru_maxrss,
    }
    if digest is not None:
        result["sha256"] = digest.hexdigest()
    if report_dir:
        result["report"] = base64.b64encode(read_reports(report_dir)).decode()
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            result["signal"] = signal.Signals(sig).name
        except ValueError:
            result["signal"] = f"SIG{sig}"
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= float(req.get("cpu", 2))):
            result["timeout"] = True
        after = oom_count()
        if sig == signal.SIGKILL and not timed_out and not over:
            result["oom"] = (after is None) or (ooms is not None and after > ooms)
    return result


def read_reports(top):
    """The sanitizer reports the run left in `top` (regular files only, up to REPORT_MAX)."""
    data = bytearray()
    with contextlib.suppress(OSError):
        for name in sorted(os.listdir(top)):
            fd = None
            try:
                fd = os.open(os.path.join(top, name), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                if not os.path.isfile(f"/proc/self/fd/{fd}"):
                    continue
                data += os.read(fd, REPORT_MAX - len(data))
            except OSError:
                continue
            finally:
                if fd is not None:
                    os.close(fd)
            if len(data) >= REPORT_MAX:
                break
    return bytes(data)


def write_tree(entries, root=RUN_DIR):
    """A test's fixture in a fresh /work/run, or given files added to /work (root=/work):
    folders, files, then their modes."""
    if root not in (RUN_DIR, WORK):
        raise ValueError("bad tree root")
    if root == RUN_DIR:
        wipe_dir(RUN_DIR)
        os.mkdir(RUN_DIR, 0o755)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW
    flags |= os.O_EXCL if root == RUN_DIR else os.O_TRUNC  # given files replace the candidate's
    modes = []
    for path, data, mode in entries:
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError("bad path in tree")
        full = os.path.join(root, path)
        if data is None:
            os.makedirs(full, 0o755, exist_ok=root == WORK)
        else:
            fd = os.open(full, flags, 0o644)
            try:
                view = memoryview(base64.b64decode(data))
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        if mode is not None:
            modes.append((full, int(mode)))
    for full, mode in reversed(modes):  # deepest first: a locked folder stays traversable till last
        os.chmod(full, mode)


def wipe_dir(path):
    """Remove `path` and everything under it, whatever the permissions a run left."""
    if not os.path.lexists(path):
        return
    if os.path.isdir(path) and not os.path.islink(path):
        os.chmod(path, 0o700)
        wipe(path)
        os.rmdir(path)
    else:
        os.unlink(path)


def write_files(files):
    for name, data in files.items():
        if "/" in name or name in ("", ".", ".."):
            raise ValueError("bad file name")
        fd = os.open(os.path.join(WORK, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, base64.b64decode(data))
        finally:
            os.close(fd)


def wipe(top):
    """Remove everything under `top` (a tmpfs), whatever its permissions."""

    def fix(func, path, _exc):
        try:
            os.chmod(os.path.dirname(path), 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, 0o700)
                shutil.rmtree(path)
            else:
                os.unlink(path)
        except OSError:
            pass

    try:
        names = os.listdir(top)
    except OSError:
        return True
    for name in names:
        path = os.path.join(top, name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, onerror=fix)
            else:
                os.unlink(path)
        except OSError:
            pass
    try:
        return not os.listdir(top)
    except OSError:
        return False


def remove_ipc():
    """Remove every System V IPC object and POSIX message queue (they outlive processes).

    Shared memory, message queues and semaphores live in the container's IPC namespace,
    not in a file system: without this, data seen by one run (a hidden test's input)
    could be kept for a later run that prints it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    clean = True
    for kind, remove in (
        ("shm", lambda i: libc.shmctl(i, 0, None)),  # IPC_RMID = 0
        ("msg", lambda i: libc.msgctl(i, 0, None)),
        ("sem", lambda i: libc.semctl(i, 0, 0)),
    ):
        try:
            with open("/proc/sysvipc/" + kind) as fh:
                rows = fh.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 1 and remove(int(fields[1])) != 0:
                clean = False
    return wipe("/dev/mqueue") and clean


def main():
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
    except Exception as exc:
        sys.stderr.write(f"supervisor: prctl failed: {exc}\n")
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for line in sys.stdin:
        try:
            handle(json.loads(line))
        except StopIteration:
            break
        except Exception as exc:
            reply({"error": f"{type(exc).__name__}: {exc}"[:500]})
    kill_everything()


def handle(req):
    global NONCE
    op = req.get("op")
    if op == "hello":
        NONCE = str(req["nonce"])
        reply({"ok": True, "uid": os.getuid(), "pid": os.getpid()})
    elif op == "files":
        write_files(req["files"])
        reply({"ok": True})
    elif op == "tree":
        kill_everything()  # nothing of an earlier run may still write into the new tree
        try:
            write_tree(req["entries"], req.get("root", RUN_DIR))
        except OSError as exc:  # /work filled or locked by an earlier run of the submission
            reply({"ok": False, "reason": f"{type(exc).__name__}: {exc.strerror or exc}"[:200]})
            return
        reply({"ok": True})
    elif op == "run":
        reply(run(req))
    elif op == "reset":
        # next exercise of the same candidate: nothing survives from the previous one
        kill_everything()
        clean = all([wipe(WORK), wipe("/tmp"), wipe("/dev/shm"), remove_ipc()])
        reply({"ok": clean})
    elif op == "exit":
        raise StopIteration
    else:
        raise ValueError("unknown op")


main()
