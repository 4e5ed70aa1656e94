# Runs a command in a pseudo-terminal as a user would: waits for each step's text on the *screen*
# (the pty's output replayed into a terminal emulator, pyte: the console draws incremental frames,
# so its byte stream never holds a whole screen), types its keys, and samples memory: the peak RSS
# (VmHWM) of the command's own process and the peak of its whole process tree (children included).
# Used by user-bench.mjs and ui-bench.mjs (run with .venv/bin/python, where pyte is installed);
# prints one JSON object.
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

import pyte

argv, env, rows, cols, steps, timeout = json.loads(sys.argv[1])


def tree_rss(pid):
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total


def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None


screen = pyte.Screen(cols, rows)
stream = pyte.ByteStream(screen)


def text():
    return "\n".join(line.rstrip() for line in screen.display)


start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvpe(argv[0], argv, env)
marks, step, tree_peak, console_hwm = [], 0, 0, None
deadline = start + timeout
last_sample = 0
check = True  # the screen changed, or a new step waits: match again
while time.perf_counter() < deadline and step < len(steps):
    now = time.perf_counter()
    if now - last_sample > 0.05:
        tree_peak = max(tree_peak, tree_rss(pid))
        last_sample = now
        console_hwm = hwm(pid) or console_hwm
    ready, _, _ = select.select([fd], [], [], 0.02)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        stream.feed(chunk)
        check = True
    wait, keys = steps[step]
    matched = wait is None or (check and re.search(wait, text()))
    check = False
    if matched:
        marks.append((time.perf_counter() - start) * 1000)
        if keys == "__HWM__":
            console_hwm = hwm(pid)
        elif isinstance(keys, str) and keys.startswith("__PAUSE_S="):
            # Stay on this screen a while (still reading its output), as a user reading it would.
            pause_end = time.perf_counter() + float(keys[len("__PAUSE_S=") : -2])
            while time.perf_counter() < pause_end:
                if select.select([fd], [], [], 0.05)[0]:
                    try:
                        stream.feed(os.read(fd, 65536))
                    except OSError:
                        break
        elif keys:
            # A list is one write per item (an escape sequence must arrive whole); a string, per character.
            for k in keys if isinstance(keys, list) else list(keys):
                os.write(fd, k.encode("latin1"))
                time.sleep(0.002)
        step += 1
        check = True
console_hwm = hwm(pid) or console_hwm
final = text()
os.write(fd, b"q")
end = time.perf_counter() + 5
status, after_quit = None, b""
while time.perf_counter() < end:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            after_quit += os.read(fd, 65536)
        except OSError:
            pass
else:
    os.kill(pid, 9)
# Whether the console left the alternate screen (gave the user's terminal back) on quit.
restored = b"\x1b[?1049l" in after_quit
print(
    json.dumps(
        {
            "marks": marks,
            "steps_done": step,
            "console_hwm_kb": console_hwm,
            "tree_peak_kb": tree_peak,
            "screen": final,
            "restored": restored,
        }
    )
)
