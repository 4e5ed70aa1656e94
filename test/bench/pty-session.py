# Runs a command in a pseudo-terminal as a user would: waits for each step's text on screen, types its
# keys, and samples memory: the peak RSS (VmHWM) of the command's own process and the peak of its
# whole process tree (children included). Used by ui-bench.mjs; prints one JSON object.
import fcntl, json, os, pty, re, select, struct, sys, termios, time
argv, env, rows, cols, steps, timeout = json.loads(sys.argv[1])
def tree_rss(pid):
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f'/proc/{p}/status') as f:
                for line in f:
                    if line.startswith('VmRSS:'): total += int(line.split()[1])
            for t in os.listdir(f'/proc/{p}/task'):
                with open(f'/proc/{p}/task/{t}/children') as f:
                    stack += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total
def hwm(pid):
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmHWM:'): return int(line.split()[1])
    except OSError:
        return None
start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvpe(argv[0], argv, env)
out, marks, step, tree_peak, console_hwm = b'', [], 0, 0, None
deadline = start + timeout
last_sample = 0
while time.perf_counter() < deadline and step < len(steps):
    now = time.perf_counter()
    if now - last_sample > 0.05:
        tree_peak = max(tree_peak, tree_rss(pid)); last_sample = now
        console_hwm = hwm(pid) or console_hwm
    ready, _, _ = select.select([fd], [], [], 0.02)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk: break
        out += chunk
    wait, keys = steps[step]
    text = re.sub(rb'\x1b\[[0-9;?]*[A-Za-z]', b'', out[-20000:]).decode('utf8', 'replace')
    if wait is None or re.search(wait, text):
        marks.append((time.perf_counter() - start) * 1000)
        if keys == '__HWM__':
            console_hwm = hwm(pid)
        elif keys:
            time.sleep(1.0)  # keys typed within ~1 s of the first frame are lost today (see the report)
            # A list is one write per item (an escape sequence must arrive whole); a string, per character.
            for k in (keys if isinstance(keys, list) else list(keys)):
                os.write(fd, k.encode('latin1')); time.sleep(0.002)
        step += 1
        out = out[-2000:] if wait else out
console_hwm = hwm(pid) or console_hwm
os.write(fd, b'q')
end = time.perf_counter() + 5
while time.perf_counter() < end:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done: break
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try: out += os.read(fd, 65536)
        except OSError: pass
else:
    os.kill(pid, 9)
screen = re.sub(rb'\x1b\[[0-9;?]*[A-Za-z]', b'', out[-6000:]).decode('utf8', 'replace')
print(json.dumps({'marks': marks, 'steps_done': step, 'console_hwm_kb': console_hwm, 'tree_peak_kb': tree_peak, 'tail': screen[-1500:]}))
